namespace Crm.Orders.Features.AccountingFeed;

/// <summary>The accounting feed's settings (section <c>Feed</c>).</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>How often the appender looks for committed events when no commit woke it.</summary>
    public TimeSpan AppendInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many events per append transaction.</summary>
    public int AppendBatchSize { get; set; } = 5000;

    /// <summary>Events older than this are removed (by the time they were appended).</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many events are kept; the oldest go first.</summary>
    public long MaxEvents { get; set; } = 50_000_000;

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a caught-up subscription looks again when no append woke it.</summary>
    public TimeSpan SubscriberPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
