namespace Crm.Contracts.Leads;

/// <summary>Published by leads when a drip-marketing cadence sends a touch to a lead, with no human action.</summary>
public sealed record TouchSent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    Guid CadenceId,
    Guid TouchId,
    int Step,
    TouchChannel Channel,
    string Subject) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
