-- Wrong passwords in a row, and the lock-out they lead to (Identity:Lockout).
ALTER TABLE people ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN locked_until timestamp with time zone;
