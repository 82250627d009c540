using System.Globalization;

namespace Crm.Gateway.Features.AuditTrail;

/// <summary>
/// Where a read of several trails stands: for each service still to read, the position to continue below (null: from
/// its newest). Written as the page token <c>leads:812,orders:</c>; a service left out has nothing more.
/// </summary>
internal sealed record AuditTrailCursor(IReadOnlyDictionary<string, long?> Positions)
{
    public static AuditTrailCursor Start(IEnumerable<string> services) =>
        new(services.ToDictionary(s => s, _ => (long?)null, StringComparer.Ordinal));

    /// <summary>The cursor a token wrote, or null when it is not one this gateway wrote for these services.</summary>
    public static AuditTrailCursor? Parse(string token, IReadOnlyCollection<string> services)
    {
        var positions = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var part in token.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, position) = (part.Split(':')[0], part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            if (!part.Contains(':', StringComparison.Ordinal) || !services.Contains(name, StringComparer.Ordinal) || positions.ContainsKey(name))
            {
                return null;
            }

            if (position.Length == 0)
            {
                positions[name] = null;
            }
            else if (long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before > 0)
            {
                positions[name] = before;
            }
            else
            {
                return null;
            }
        }

        return positions.Count == 0 ? null : new AuditTrailCursor(positions);
    }

    public string ToToken() =>
        string.Join(',', Positions.Select(p => $"{p.Key}:{p.Value?.ToString(CultureInfo.InvariantCulture)}"));
}
