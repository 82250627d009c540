namespace Crm.Contracts.Support;

/// <summary>Published by support when an interaction with the customer is logged on the timeline, with the department of
/// whoever logged it and how it went (null when not said, and in events from before they were told).</summary>
public sealed record InteractionLogged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid InteractionId,
    long Version,
    Guid? CaseId,
    InteractionChannel Channel,
    string Summary,
    string LoggedBy,
    Department? Department = null,
    ActivityOutcome? Outcome = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => InteractionId;
}
