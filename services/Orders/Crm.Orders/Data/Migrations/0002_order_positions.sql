-- Lists page by a store-assigned position, newest first, as in every service (keyset: a page does not shift when
-- rows arrive meanwhile). Existing rows are numbered in the order they were made, new ones after them.
ALTER TABLE orders ADD COLUMN position bigint;
UPDATE orders AS t SET position = n.rn
FROM (SELECT id, row_number() OVER (ORDER BY booked_at, id) AS rn FROM orders) AS n
WHERE t.id = n.id;
ALTER TABLE orders ALTER COLUMN position SET NOT NULL;
ALTER TABLE orders ALTER COLUMN position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('orders', 'position'), coalesce(max(position), 0) + 1, false) FROM orders;
ALTER TABLE orders ADD CONSTRAINT orders_position_key UNIQUE (position);
CREATE INDEX orders_opportunity ON orders (opportunity_id);
