-- Lists page by a store-assigned position, newest first, as in every service (keyset: a page does not shift when
-- rows arrive meanwhile). Existing rows are numbered in the order they are stored.
ALTER TABLE accounts ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE opportunities ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
