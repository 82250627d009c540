using Crm.Grpc;
using Grpc.Core;

namespace Crm.Leads.Features.Import;

/// <summary>
/// Where each column the import reads is in the file, found by its name in the header line. A list must have the
/// columns company, last name, and e-mail or phone (a lead must be reachable); the others may be left out, and columns
/// the import does not read are ignored.
/// </summary>
internal sealed class LeadFileHeader
{
    private static readonly LeadColumn[] Required = [LeadColumn.Company, LeadColumn.LastName];

    private readonly Dictionary<LeadColumn, int> _ordinals;

    private LeadFileHeader(Dictionary<LeadColumn, int> ordinals, int count)
    {
        _ordinals = ordinals;
        Count = count;
    }

    /// <summary>How many columns the header has; every row must have as many fields.</summary>
    public int Count { get; }

    /// <summary>The header's columns, or INVALID_ARGUMENT naming the column missing, named twice, or too many.</summary>
    public static LeadFileHeader Read(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count > ImportLimits.Columns)
        {
            throw Refused("header", $"has {names.Count} columns; at most {ImportLimits.Columns} are read");
        }

        var ordinals = new Dictionary<LeadColumn, int>();
        for (var ordinal = 0; ordinal < names.Count; ordinal++)
        {
            if (LeadColumns.Match(names[ordinal]) is not { } column)
            {
                continue;
            }

            if (!ordinals.TryAdd(column, ordinal))
            {
                throw Refused(LeadColumns.NameOf(column), $"the header names this column twice (columns {ordinals[column] + 1} and {ordinal + 1})");
            }
        }

        foreach (var column in Required.Where(c => !ordinals.ContainsKey(c)))
        {
            throw Refused(LeadColumns.NameOf(column), $"the header has no such column, and every lead needs one ({Expected(names)})");
        }

        if (!ordinals.ContainsKey(LeadColumn.Email) && !ordinals.ContainsKey(LeadColumn.Phone))
        {
            throw Refused(LeadColumns.NameOf(LeadColumn.Email), $"the header has no e-mail column and no phone column, and every lead needs one of them ({Expected(names)})");
        }

        return new LeadFileHeader(ordinals, names.Count);
    }

    /// <summary>Where <paramref name="column"/> is; -1 when the file does not have it.</summary>
    public int OrdinalOf(LeadColumn column) => _ordinals.TryGetValue(column, out var ordinal) ? ordinal : -1;

    private static string Expected(IReadOnlyList<string> names) =>
        $"the columns read are {string.Join(", ", LeadColumns.Known.Select(LeadColumns.NameOf))}; the header has {string.Join(", ", names.Take(ImportLimits.Columns).Select(n => $"'{Crm.Api.Echo.Shorten(n)}'"))}";

    private static RpcException Refused(string field, string problem) => new(Status.InvalidArgument(field, problem));
}
