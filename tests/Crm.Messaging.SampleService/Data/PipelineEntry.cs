namespace Crm.Messaging.SampleService.Data;

public sealed class PipelineEntry
{
    public Guid OpportunityId { get; init; }

    public required string Stage { get; set; }

    public long Version { get; set; }

    /// <summary>How many stage changes were applied (stale ones are not).</summary>
    public int Applied { get; set; }
}
