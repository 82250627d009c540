namespace Crm.Messaging;

/// <summary>How a service consumes and relays messages; bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section (<c>Messaging__PrefetchCount=64</c> in the environment).</summary>
    public const string Section = "Messaging";

    /// <summary>
    /// Messages the broker hands a consumer ahead of its acknowledgements: a few dozen keep the consumer busy without
    /// hoarding messages another replica could take.
    /// </summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>
    /// Messages consumed at once per queue. Those in progress together are applied in groups, one transaction and one
    /// database connection per group, so this bounds how many events share a commit rather than how many connections
    /// are held (a group that fails is applied again one event per transaction, each on its own connection).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 32;

    /// <summary>Retries after the first attempt fails, before the message goes to the queue's <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="RetryMaxInterval"/>.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an inbox entry is kept: longer than any message can be redelivered after its first delivery.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Restarting receive endpoints that stopped consuming.</summary>
    public EndpointRecoveryOptions Recovery { get; set; } = new();

    /// <summary>The outbox relay.</summary>
    public OutboxOptions Outbox { get; set; } = new();
}
