namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads when a drip-marketing cadence sends a touch, with no human action: to a lead, or to a customer's
/// contact (then <c>LeadId</c> is empty and <c>ContactId</c> and <c>CustomerId</c> name them, and <c>Version</c> is
/// the contact's as the leads service counts it).
/// </summary>
public sealed record TouchSent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    Guid CadenceId,
    Guid TouchId,
    int Step,
    TouchChannel Channel,
    string Subject,
    Guid? ContactId = null,
    Guid? CustomerId = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => ContactId ?? LeadId;
}
