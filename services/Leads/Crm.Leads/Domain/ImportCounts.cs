using System.Runtime.InteropServices;

namespace Crm.Leads.Domain;

/// <summary>What an import did with the rows it read: each row is accepted (a new lead), a duplicate (of an existing
/// lead, or of an earlier row of the file) or rejected (with its line and reason).</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct ImportCounts(long Accepted, long Duplicates, long Rejected)
{
    public long RowsRead => Accepted + Duplicates + Rejected;

    public static ImportCounts operator +(ImportCounts left, ImportCounts right) =>
        new(left.Accepted + right.Accepted, left.Duplicates + right.Duplicates, left.Rejected + right.Rejected);

    public static ImportCounts Add(ImportCounts left, ImportCounts right) => left + right;
}
