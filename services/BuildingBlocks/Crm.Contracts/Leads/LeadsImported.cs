namespace Crm.Contracts.Leads;

/// <summary>
/// Published by leads for the leads one batch of an import stored: the <see cref="LeadCaptured"/> event of each, as a
/// capture by hand would have published it, travelling together in one message of at most
/// <see cref="MostLeads"/>. A million-row list so costs the broker ten thousand messages rather than a million; a
/// subscriber to every captured lead reads <see cref="LeadCaptured"/> and this. <see cref="Version"/> counts the
/// import's leads stored up to and with this message, so it grows with each message of the import.
/// </summary>
public sealed record LeadsImported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ImportId,
    long Version,
    IReadOnlyList<LeadCaptured> Leads) : IIntegrationEvent
{
    /// <summary>The most leads one message carries: about 50 KB of JSON, so that neither the service writing it nor
    /// the relay reading back a few hundred of them holds much memory.</summary>
    public const int MostLeads = 100;

    Guid IIntegrationEvent.AggregateId => ImportId;
}
