-- Imports of lead lists (ImportLeads): one row per import, its counts updated in the transaction of each batch it
-- merges, so that they always say what is stored, even for an import cancelled or cut short by a crash.
CREATE TABLE lead_imports (
    import_id      uuid PRIMARY KEY,
    position       bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    source         text        NOT NULL,
    campaign_id    uuid REFERENCES campaigns (campaign_id),
    file_name      text        NOT NULL,
    status         text        NOT NULL,
    status_detail  text,
    accepted       bigint      NOT NULL DEFAULT 0,
    duplicates     bigint      NOT NULL DEFAULT 0,
    rejected       bigint      NOT NULL DEFAULT 0,
    rows_read      bigint      GENERATED ALWAYS AS (accepted + duplicates + rejected) STORED,
    -- Known once the whole file was read; with source and campaign, it finds an earlier import of the same file.
    content_sha256 text,
    repeat_of      uuid REFERENCES lead_imports (import_id),
    started_by     text        NOT NULL,
    started_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    finished_at    timestamptz
);

CREATE INDEX lead_imports_content ON lead_imports (content_sha256, source) WHERE content_sha256 IS NOT NULL;

-- The rows an import did not take, by line (the header is line 1), with the reason and the line as written (cut at
-- 2,000 characters). email_key (the row's e-mail, trimmed and lower-cased) lets a person's erasure find their rows.
CREATE TABLE lead_import_rejections (
    import_id uuid   NOT NULL REFERENCES lead_imports (import_id),
    line      bigint NOT NULL,
    reason    text   NOT NULL,
    raw_line  text   NOT NULL,
    email_key text,
    PRIMARY KEY (import_id, line)
);

CREATE INDEX lead_import_rejections_email_key ON lead_import_rejections (email_key) WHERE email_key IS NOT NULL;
