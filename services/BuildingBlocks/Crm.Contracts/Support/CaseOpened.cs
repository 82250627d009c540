namespace Crm.Contracts.Support;

/// <summary>Published by support when Customer Service or Technical Support opens a case.</summary>
public sealed record CaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid CaseId,
    long Version,
    CaseKind Kind,
    CasePriority Priority,
    string Subject,
    Guid? ContactId,
    Guid? OrderId,
    DateTimeOffset ResolveBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => CaseId;
}
