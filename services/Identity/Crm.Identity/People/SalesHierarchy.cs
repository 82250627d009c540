using Crm.Domain;
using Crm.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.People;

/// <summary>
/// The sales hierarchy the directory's managers make: the teams below a person are those of everyone who reports to
/// them, directly or through other managers, each named by its path of teams down from the person ("east/metro" for a
/// vice-president whose director manages team east, over a manager of team metro).
/// </summary>
public sealed class SalesHierarchy
{
    private readonly ILookup<string, (string UserName, string? Team)> _reports;

    public SalesHierarchy(IEnumerable<(string UserName, string? Team, string? Manager)> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        _reports = people.Where(p => p.Manager is not null).ToLookup(p => p.Manager!, p => (p.UserName, p.Team), StringComparer.Ordinal);
    }

    /// <summary>The hierarchy as the directory has it now (read at each sign-in and refresh, so that a reorganisation
    /// takes effect at the next one).</summary>
    public static async Task<SalesHierarchy> LoadAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.AsNoTracking().Where(p => p.Manager != null)
            .Select(p => new { p.UserName, p.Team, p.Manager })
            .ToListAsync(cancellationToken);
        return new SalesHierarchy(people.Select(p => (p.UserName, p.Team, p.Manager)));
    }

    /// <summary>The paths of the teams below <paramref name="userName"/>'s own <paramref name="team"/>, sorted; a report
    /// in the person's own team adds none, and a loop in the directory is walked once.</summary>
    public IReadOnlyList<string> TeamsBelow(string userName, string? team)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { userName };
        var waiting = new Stack<(string UserName, string? Team, string Path)>();
        waiting.Push((userName, team, string.Empty));
        while (waiting.TryPop(out var manager))
        {
            foreach (var report in _reports[manager.UserName].Where(r => seen.Add(r.UserName)))
            {
                var path = report.Team is null || string.Equals(report.Team, manager.Team, StringComparison.Ordinal)
                    ? manager.Path
                    : manager.Path.Length == 0 ? report.Team : $"{manager.Path}{SalesReach.PathSeparator}{report.Team}";
                if (path.Length > 0 && !string.Equals(report.Team, team, StringComparison.Ordinal))
                {
                    paths.Add(path);
                }

                waiting.Push((report.UserName, report.Team ?? manager.Team, path));
            }
        }

        return [.. paths];
    }
}
