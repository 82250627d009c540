-- Lists page by a store-assigned position, newest first, as in every service (keyset).
ALTER TABLE orders ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
CREATE INDEX orders_opportunity ON orders (opportunity_id);
