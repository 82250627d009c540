namespace Crm.Contracts.Leads;

/// <summary>Published by leads when Inside Sales qualifies a lead (BANT).</summary>
public sealed record LeadQualified(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    Qualification Qualification,
    string QualifiedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
