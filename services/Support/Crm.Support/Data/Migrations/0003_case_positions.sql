-- Lists page by a store-assigned position, newest first, as in every service (keyset).
ALTER TABLE cases ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
