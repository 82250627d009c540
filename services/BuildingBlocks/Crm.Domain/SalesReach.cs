namespace Crm.Domain;

/// <summary>
/// The deals and leads a person works: every one (a sales vice-president, an administrator, and the departments that
/// read sales data without changing it), or those of their sales team and those they own. Whether they may change
/// them at all is the method table's rule; this is the rule of which ones.
/// </summary>
/// <param name="Everything">Every team's.</param>
/// <param name="Team">Their sales team, whose records they work.</param>
/// <param name="Owner">Their own name: the records they own, whatever the team.</param>
public sealed record SalesReach(bool Everything, string? Team, string? Owner)
{
    public static SalesReach All { get; } = new(true, null, null);

    /// <summary>Whether a record of <paramref name="team"/>, owned by <paramref name="owner"/>, is within reach.</summary>
    public bool Covers(string? team, string? owner) =>
        Everything
        || (Team is not null && string.Equals(team, Team, StringComparison.Ordinal))
        || (Owner is not null && string.Equals(owner, Owner, StringComparison.Ordinal));

    /// <summary>What the caller works, in words for a refusal.</summary>
    public override string ToString() => Everything
        ? "every team's"
        : (Team, Owner) switch
        {
            (null, null) => "no team's",
            (null, _) => "their own",
            (_, null) => $"team {Team}'s",
            _ => $"their own and team {Team}'s",
        };
}
