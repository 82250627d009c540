-- Lists page by a store-assigned position, newest first, as in every service (keyset: a page does not shift when
-- rows arrive meanwhile). Existing rows are numbered in the order they were made, new ones after them.
ALTER TABLE accounts ADD COLUMN position bigint;
UPDATE accounts AS t SET position = n.rn
FROM (SELECT customer_id, row_number() OVER (ORDER BY created_at, customer_id) AS rn FROM accounts) AS n
WHERE t.customer_id = n.customer_id;
ALTER TABLE accounts ALTER COLUMN position SET NOT NULL;
ALTER TABLE accounts ALTER COLUMN position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('accounts', 'position'), coalesce(max(position), 0) + 1, false) FROM accounts;
ALTER TABLE accounts ADD CONSTRAINT accounts_position_key UNIQUE (position);
ALTER TABLE opportunities ADD COLUMN position bigint;
UPDATE opportunities AS t SET position = n.rn
FROM (SELECT opportunity_id, row_number() OVER (ORDER BY opened_at, opportunity_id) AS rn FROM opportunities) AS n
WHERE t.opportunity_id = n.opportunity_id;
ALTER TABLE opportunities ALTER COLUMN position SET NOT NULL;
ALTER TABLE opportunities ALTER COLUMN position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('opportunities', 'position'), coalesce(max(position), 0) + 1, false) FROM opportunities;
ALTER TABLE opportunities ADD CONSTRAINT opportunities_position_key UNIQUE (position);
