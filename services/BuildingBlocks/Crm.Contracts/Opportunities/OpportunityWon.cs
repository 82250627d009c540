namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a deal is won; it carries everything Orders needs to book the order with no re-entry.</summary>
public sealed record OpportunityWon(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CustomerId,
    Guid OpportunityId,
    long Version,
    string OwnerId,
    IReadOnlyList<OpportunityLine> Lines,
    Money Total,
    DateOnly WonOn,
    PostalAddress? ShipTo,
    string? PurchaseOrderNumber) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
