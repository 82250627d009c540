-- Segments over customers' contacts as well as leads. What marketing needs of a contact comes from opportunities'
-- events (ContactAdded/Updated, ContactConsentRecorded, AccountCreated/Updated); the customer's name, industry and
-- country are copied onto each of its contacts, so that a segment reads one row per person, as it does for leads.
ALTER TABLE known_contacts
    ADD COLUMN first_name   text    NOT NULL DEFAULT '',
    ADD COLUMN last_name    text    NOT NULL DEFAULT '',
    ADD COLUMN email        text,
    ADD COLUMN phone        text,
    ADD COLUMN title        text,
    ADD COLUMN buying_role  text    NOT NULL DEFAULT 'Unspecified',
    ADD COLUMN consents     jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN company_name text    NOT NULL DEFAULT '',
    ADD COLUMN industry     text,
    ADD COLUMN country      text,
    -- Counts the touches sent to the contact: the version their TouchSent events carry.
    ADD COLUMN version      bigint  NOT NULL DEFAULT 0;

CREATE INDEX known_contacts_customer ON known_contacts (customer_id);

-- The customers as contacts need them, for a contact whose ContactAdded arrives after its account's events.
CREATE TABLE known_customers (
    customer_id uuid PRIMARY KEY,
    -- The account's version: an older event changes nothing.
    version     bigint      NOT NULL,
    name        text        NOT NULL,
    industry    text,
    country     text,
    updated_at  timestamptz NOT NULL
);

-- A cadence's members are leads or contacts: one key for both (both ids are version 7 UUIDs, never the same).
ALTER TABLE cadence_enrollments DROP CONSTRAINT cadence_enrollments_lead_id_fkey;
ALTER TABLE cadence_enrollments RENAME COLUMN lead_id TO member_id;
ALTER TABLE cadence_enrollments ADD COLUMN member text NOT NULL DEFAULT 'Lead';
ALTER INDEX cadence_enrollments_lead RENAME TO cadence_enrollments_member;

-- A touch reached a lead or a customer's contact. A contact's touches stay when the contact is erased (their text
-- goes), so no reference to known_contacts.
ALTER TABLE touches ALTER COLUMN lead_id DROP NOT NULL;
ALTER TABLE touches
    ADD COLUMN contact_id  uuid,
    ADD COLUMN customer_id uuid,
    ADD CONSTRAINT touches_reach_one_person CHECK (num_nonnulls(lead_id, contact_id) = 1);
CREATE UNIQUE INDEX touches_contact_step ON touches (cadence_id, contact_id, step) WHERE contact_id IS NOT NULL;
CREATE INDEX touches_customer ON touches (customer_id, sent_at) WHERE customer_id IS NOT NULL;

-- Whom a segment targets: "Leads" (segments saved before), "Contacts" or "LeadsAndContacts".
CREATE OR REPLACE FUNCTION segment_holds(filter jsonb, l leads) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(filter->>'audience', 'Leads') <> 'Contacts'
       AND (jsonb_array_length(filter->'sources') = 0 OR filter->'sources' ? l.source)
       AND (jsonb_array_length(filter->'campaignIds') = 0 OR filter->'campaignIds' ? l.campaign_id::text)
       AND (jsonb_array_length(filter->'industries') = 0
            OR EXISTS (SELECT FROM jsonb_array_elements_text(filter->'industries') i WHERE lower(i) = lower(l.company->>'industry')))
       AND (jsonb_array_length(filter->'countries') = 0 OR filter->'countries' ? (l.company->'address'->>'country'))
       AND (jsonb_array_length(filter->'personas') = 0 OR filter->'personas' ? (l.contact->>'buyingRole'))
       AND l.score >= coalesce((filter->>'minimumScore')::integer, 0)
$$;

-- Whether a segment holds a customer's contact: by the customer's industry and country and the contact's buying role.
-- Source, campaign and score describe leads; the service refuses them in a segment of contacts only, and a segment
-- of both holds the contacts only when none is given.
CREATE FUNCTION segment_holds_contact(filter jsonb, c known_contacts) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(filter->>'audience', 'Leads') <> 'Leads'
       AND jsonb_array_length(filter->'sources') = 0
       AND jsonb_array_length(filter->'campaignIds') = 0
       AND coalesce((filter->>'minimumScore')::integer, 0) = 0
       AND (jsonb_array_length(filter->'industries') = 0
            OR EXISTS (SELECT FROM jsonb_array_elements_text(filter->'industries') i WHERE lower(i) = lower(c.industry)))
       AND (jsonb_array_length(filter->'countries') = 0 OR filter->'countries' ? c.country)
       AND (jsonb_array_length(filter->'personas') = 0 OR filter->'personas' ? c.buying_role)
$$;
