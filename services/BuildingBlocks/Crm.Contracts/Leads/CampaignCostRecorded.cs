namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a cost of a campaign is recorded (for ROI per source).</summary>
public sealed record CampaignCostRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    long Version,
    Guid CostId,
    string Description,
    Money Cost,
    DateOnly IncurredOn,
    Money TotalCost) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CampaignId;
}
