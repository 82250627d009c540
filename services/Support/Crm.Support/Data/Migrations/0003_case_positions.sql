-- Lists page by a store-assigned position, newest first, as in every service (keyset: a page does not shift when
-- rows arrive meanwhile). Existing rows are numbered in the order they were made, new ones after them.
ALTER TABLE cases ADD COLUMN position bigint;
UPDATE cases AS t SET position = n.rn
FROM (SELECT id, row_number() OVER (ORDER BY opened_at, id) AS rn FROM cases) AS n
WHERE t.id = n.id;
ALTER TABLE cases ALTER COLUMN position SET NOT NULL;
ALTER TABLE cases ALTER COLUMN position ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('cases', 'position'), coalesce(max(position), 0) + 1, false) FROM cases;
ALTER TABLE cases ADD CONSTRAINT cases_position_key UNIQUE (position);
