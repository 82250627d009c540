namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads (where marketing records the people who come in, and the requests to forget them) when an
/// administrator asks for a person to be erased; every service with a database pseudonymises what it
/// holds about them, once. It names the person by a hash of their e-mail key (SHA-256 of the trimmed, lower-cased
/// address, hex), never by the address itself, so that the event and its copies in outboxes carry nothing readable
/// about the person. A request is never changed: its <c>Version</c> is 1.
/// </summary>
public sealed record PersonalDataErasureRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    long Version,
    string EmailKeyHash,
    string RequestedBy) : IIntegrationEvent
{
    Guid IIntegrationEvent.AggregateId => RequestId;
}
