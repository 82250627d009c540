namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads when a lead is disqualified; its drip cadence stops. <c>Reason</c> is the API's name for it
/// (<c>NO_BUDGET</c>, <c>NO_AUTHORITY</c>, <c>NO_NEED</c>, <c>BAD_TIMING</c>, <c>CHOSE_COMPETITOR</c>,
/// <c>INVALID_CONTACT</c>, <c>OPTED_OUT</c> or <c>OTHER_REASON</c>); <c>Note</c> what Inside Sales wrote, if anything.
/// </summary>
public sealed record LeadDisqualified(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid LeadId,
    long Version,
    string Reason,
    string DisqualifiedBy,
    string? Note = null) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => LeadId;
}
