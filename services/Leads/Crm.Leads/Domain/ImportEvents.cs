using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>The integration events of an import's merged batch.</summary>
internal static class ImportEvents
{
    /// <summary>
    /// The LeadCaptured events <paramref name="stored"/> raised when they were captured, taken from them and grouped
    /// into <see cref="LeadsImported"/> messages of at most <see cref="LeadsImported.MostLeads"/>, each counting the
    /// import's leads up to and with it from the count <paramref name="record"/> holds before this batch.
    /// </summary>
    public static IEnumerable<LeadsImported> Imported(LeadImport record, IReadOnlyList<Lead> stored, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stored);
        var counted = record.Accepted;
        foreach (var chunk in stored.Chunk(LeadsImported.MostLeads))
        {
            var captured = chunk.SelectMany(l => l.TakeDomainEvents()).OfType<LeadCaptured>().ToList();
            counted += chunk.Length;
            yield return new LeadsImported(Guid.CreateVersion7(at), at, record.ImportId, counted, captured);
        }
    }
}
