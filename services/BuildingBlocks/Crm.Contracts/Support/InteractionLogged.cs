namespace Crm.Contracts.Support;

/// <summary>Published by support when an interaction with the customer is logged on the timeline.</summary>
public sealed record InteractionLogged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid InteractionId,
    long Version,
    Guid? CaseId,
    InteractionChannel Channel,
    string Summary,
    string LoggedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => InteractionId;
}
