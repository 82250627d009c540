namespace Crm.Messaging.Outbox;

/// <summary>
/// Told right after each commit in this process that stored events, as the relay is woken: a part of a service that
/// reads the outbox besides the relay (the orders service's accounting feed) registers one, so that it need not poll.
/// Called on the committing thread: it must only signal, never wait.
/// </summary>
public interface IOutboxCommitted
{
    void Committed();
}
