using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Wakes the relays of other replicas with <c>NOTIFY crm_outbox</c>, from a replica whose own relay is off. The command
/// does not wait for it (its events are committed; the NOTIFY only saves the others their poll interval), and commits
/// that come while one NOTIFY is on its way share the next one, so a busy replica sends one per round trip, not one
/// per command.
/// </summary>
internal sealed partial class OtherRelays(NpgsqlDataSource dataSource, ILogger logger)
{
    private const string Notify = $"NOTIFY {OutboxListener.Channel}";

    private int _requested;
    private int _sending;

    /// <summary>Asks for a NOTIFY soon after this call; returns at once.</summary>
    public void Wake()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = Task.Run(SendAsync);
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1)
            {
                await NotifyAsync();
            }

            Volatile.Write(ref _sending, 0);

            // A Wake between the last look and the reset above found a sender still running: take its request over.
            if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task NotifyAsync()
    {
        try
        {
            await using var notify = dataSource.CreateCommand(Notify);
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ObjectDisposedException)
        {
            // The events are committed: without the wake-up, the other relays find them at their next poll.
            LogWakeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the other replicas' outbox relays; they will find the events at their next poll")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
