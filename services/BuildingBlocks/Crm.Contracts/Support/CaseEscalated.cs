namespace Crm.Contracts.Support;

/// <summary>Published by support when a case is escalated.</summary>
public sealed record CaseEscalated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid CaseId,
    long Version,
    CasePriority Priority,
    int Level,
    string Reason,
    string AssignedTo) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CaseId;
}
