namespace Crm.SalesHistory;

/// <summary>The size and span of a generated history.</summary>
/// <param name="Teams">How many sales teams.</param>
/// <param name="RepsPerTeam">How many reps in each.</param>
/// <param name="Opportunities">About how many opportunities, opened evenly over the span.</param>
/// <param name="From">The first day deals open.</param>
/// <param name="To">The last day of the history: what happens after it is not generated.</param>
/// <param name="Seed">The same seed gives the same history.</param>
public sealed record SalesHistorySettings(int Teams, int RepsPerTeam, int Opportunities, DateOnly From, DateOnly To, int Seed = 1)
{
    public SalesTruth Truth { get; init; } = new();
}
