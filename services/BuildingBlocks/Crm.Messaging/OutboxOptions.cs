namespace Crm.Messaging;

/// <summary>How the outbox relay publishes; bound from <c>Messaging:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows claimed per round trip.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The most characters of event bodies a round trip holds at once (at least one row's): a batch of large
    /// events (a lead list's, a hundred leads each) is cut short, so the relay's memory stays a few MiB whatever the
    /// events' size. The rows left go in the next round trip, in order.</summary>
    public int MaxBatchChars { get; set; } = 2 * 1024 * 1024;

    /// <summary>Publishes awaiting the broker's confirmation at once (events of one aggregate always go one by one).</summary>
    public int MaxConcurrentPublishes { get; set; } = 64;

    /// <summary>How often the relay looks when nothing woke it (a commit wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A publish not confirmed by then counts as failed and is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait before a failed row is retried; the wait doubles from 100 ms up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long sent rows are kept (to investigate what was published) before they are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often old sent rows and inbox entries are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>False in a replica that should only write events and leave publishing to others.</summary>
    public bool RelayEnabled { get; set; } = true;
}
