namespace Crm.Contracts.Support;

/// <summary>Published by support when a case is resolved.</summary>
public sealed record CaseResolved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid CaseId,
    long Version,
    string Resolution,
    string ResolvedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CaseId;
}
