namespace Crm.Contracts.Opportunities;

/// <summary>
/// Published by opportunities when a call, meeting, e-mail or document lands on the customer's shared timeline, with the
/// department and sales team of whoever logged it and how it went (null when not said, and in events from before they
/// were told).
/// </summary>
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
    string LoggedBy,
    Department? Department = null,
    ActivityOutcome? Outcome = null,
    string? SalesTeam = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => ActivityId;
}
