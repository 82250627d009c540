-- A contact's word on each channel (consent with where it was given, or an opt-out), the latest per channel.
ALTER TABLE contacts ADD COLUMN consents jsonb NOT NULL DEFAULT '[]';
