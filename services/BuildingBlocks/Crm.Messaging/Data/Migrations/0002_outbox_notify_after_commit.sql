-- 0001's trigger sent NOTIFY from inside every transaction that stored events. PostgreSQL serialises the commits of
-- all transactions that NOTIFY behind one database-wide lock, so every command of the service committed one at a
-- time, and every commit also woke each listening relay. A commit now wakes its own process's relay directly
-- (OutboxCommitInterceptor); a replica whose relay is off sends NOTIFY crm_outbox after its commit, outside the
-- transaction, so the relays of other replicas still wake at once.
DROP TRIGGER IF EXISTS outbox_messages_inserted ON outbox_messages;
DROP FUNCTION IF EXISTS outbox_messages_notify();
