namespace Crm.Contracts.Support;

/// <summary>Published by support when a case misses a service-level target.</summary>
public sealed record ServiceLevelBreached(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid CaseId,
    long Version,
    CasePriority Priority,
    ServiceLevelTarget Target,
    DateTimeOffset DueAt) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CaseId;
}
