namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a call, meeting, e-mail or document lands on the customer's shared timeline.</summary>
public sealed record ActivityLogged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid ActivityId,
    long Version,
    Guid? OpportunityId,
    ActivityKind Kind,
    string Subject,
    DateTimeOffset HappenedAt,
    string LoggedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => ActivityId;
}
