namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a member joins a deal's team, changes role or leaves it; it carries the whole
/// team beside the owner.</summary>
public sealed record DealTeamChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    string OwnerId,
    IReadOnlyList<TeamMember> Members) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
