namespace Crm.Domain;

/// <summary>
/// The deals and leads a person works: every one (a sales vice-president, an administrator, and the departments that
/// read sales data without changing it), or those of their sales team, of the teams below it in the sales hierarchy,
/// and those they own. Whether they may change them at all is the method table's rule; this is the rule of which ones.
/// </summary>
/// <param name="Everything">Every team's.</param>
/// <param name="Team">Their sales team, whose records they work and which new records they capture belong to.</param>
/// <param name="Owner">Their own name: the records they own, whatever the team.</param>
public sealed record SalesReach(bool Everything, string? Team, string? Owner)
{
    /// <summary>The path separator of <see cref="Below"/>.</summary>
    public const char PathSeparator = '/';

    public static SalesReach All { get; } = new(true, null, null);

    /// <summary>
    /// The teams below theirs, each as its path down from them ("east", "east/metro"): managers of managers reach their
    /// reports' teams, and roll their figures up by the first step of the path (<see cref="BranchOf"/>). For a
    /// vice-president, who reaches everything anyway, the whole hierarchy under them.
    /// </summary>
    public IReadOnlyList<string> Below { get; init; } = [];

    /// <summary>The teams whose records they work: their own and every one below it.</summary>
    public IReadOnlyList<string> Teams =>
        [.. (Team is null ? Enumerable.Empty<string>() : [Team]).Concat(Below.Select(LastStep)).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether a record of <paramref name="team"/>, owned by <paramref name="owner"/>, is within reach (checked
    /// per record, so without building <see cref="Teams"/>).</summary>
    public bool Covers(string? team, string? owner) =>
        Everything
        || (team is not null && (string.Equals(team, Team, StringComparison.Ordinal) || Below.Any(p => string.Equals(LastStep(p), team, StringComparison.Ordinal))))
        || (Owner is not null && string.Equals(owner, Owner, StringComparison.Ordinal));

    /// <summary>The branch of the hierarchy under them that <paramref name="team"/> rolls up to: their own team for its
    /// records, the team directly below them whose part of the hierarchy holds it otherwise, null when it is in no part.</summary>
    public string? BranchOf(string? team)
    {
        if (team is null)
        {
            return null;
        }

        if (string.Equals(team, Team, StringComparison.Ordinal))
        {
            return Team;
        }

        var path = Below.FirstOrDefault(p => string.Equals(LastStep(p), team, StringComparison.Ordinal));
        return path?.Split(PathSeparator)[0];
    }

    /// <summary>
    /// <paramref name="team"/> and every team below it, as far as the hierarchy under them shows: what a team's figures
    /// (its quota's attainment) add up, the teams of its managers' reports with its own. Their own team takes in every
    /// team below them; a team below them takes in the teams whose path passes through it; any other, only itself.
    /// </summary>
    public IReadOnlyList<string> TeamsUnder(string team)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (string.Equals(team, Team, StringComparison.Ordinal))
        {
            return Teams;
        }

        var path = Below.FirstOrDefault(p => string.Equals(LastStep(p), team, StringComparison.Ordinal));
        return path is null
            ? [team]
            : [team, .. Below.Where(p => p.StartsWith(path + PathSeparator, StringComparison.Ordinal)).Select(LastStep).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What the caller works, in words for a refusal.</summary>
    public override string ToString() => Everything
        ? "every team's"
        : (Teams.Count, Owner) switch
        {
            (0, null) => "no team's",
            (0, _) => "their own",
            (_, null) => $"team {string.Join(", ", Teams)}'s",
            _ => $"their own and team {string.Join(", ", Teams)}'s",
        };

    private static string LastStep(string path) => path[(path.LastIndexOf(PathSeparator) + 1)..];
}
