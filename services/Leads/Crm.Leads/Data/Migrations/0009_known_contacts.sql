-- The customers' contacts, as far as de-duplication needs them: a lead list's row whose person is already a contact of
-- a customer (opportunities' ContactAdded and ContactUpdated) is a duplicate, not a new lead. Keys only, in the forms
-- leads uses (e-mail trimmed and in lower case; phone in E.164).
CREATE TABLE known_contacts (
    contact_id  uuid PRIMARY KEY,
    customer_id uuid        NOT NULL,
    email_key   text,
    phone_key   text,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX known_contacts_email_key ON known_contacts (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX known_contacts_phone_key ON known_contacts (phone_key) WHERE phone_key IS NOT NULL;
