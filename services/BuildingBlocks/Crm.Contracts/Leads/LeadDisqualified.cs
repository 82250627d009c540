namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a lead is disqualified; its drip cadence stops.</summary>
public sealed record LeadDisqualified(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    string Reason,
    string DisqualifiedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
