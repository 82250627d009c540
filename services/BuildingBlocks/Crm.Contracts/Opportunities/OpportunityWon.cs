namespace Crm.Contracts.Opportunities;

/// <summary>Published by opportunities when a deal is won; it carries everything Orders needs to book the order with no re-entry.
/// <paramref name="FromHistory"/>: a deal won in the past, brought in from another system (ImportDealHistory), whose order
/// was booked there; orders books none, the reports count it.</summary>
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
    string? PurchaseOrderNumber,
    bool FromHistory = false) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => OpportunityId;
}
