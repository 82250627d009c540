using Crm.Contracts.Forecasts;
using Crm.Contracts.Opportunities;
using Crm.Forecasts.Domain.Quotas;
using Crm.Forecasts.Domain.Snapshots;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>What each rep, team and the company's snapshot holds, from the roll-up's rows of the period and the quotas.</summary>
internal static class SnapshotFiguring
{
    /// <summary>Each kind of scope, with the grouping of the deals that makes its figures.</summary>
    public static readonly (ForecastScope Scope, Wire.RollupGrouping Grouping)[] Scopes =
    [
        (ForecastScope.Rep, Wire.RollupGrouping.ByOwner),
        (ForecastScope.Team, Wire.RollupGrouping.ByTeam),
        (ForecastScope.Company, Wire.RollupGrouping.AllInReach),
    ];

    /// <summary>
    /// One snapshot per scope and currency that has deals or a quota. Deals without an owner or team count only for the
    /// company; deals without an amount add nothing.
    /// </summary>
    public static IEnumerable<(string ScopeId, SnapshotFigures Figures)> Of(ForecastScope scope, IReadOnlyList<RollupRow> rows, IReadOnlyList<Quota> quotas)
    {
        var ofScope = quotas.Where(q => q.Scope == scope).ToDictionary(q => q.ScopeId, StringComparer.Ordinal);
        var held = rows
            .Where(r => r.Currency is not null && (scope == ForecastScope.Company || r.Group is not null))
            .GroupBy(r => (ScopeId: scope == ForecastScope.Company ? string.Empty : r.Group!, Currency: r.Currency!))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var quota in ofScope.Values.Where(q => !held.ContainsKey((q.ScopeId, q.Currency))))
        {
            held[(quota.ScopeId, quota.Currency)] = [];
        }

        return held
            .OrderBy(h => h.Key.ScopeId, StringComparer.Ordinal).ThenBy(h => h.Key.Currency, StringComparer.Ordinal)
            .Select(h =>
            {
                var open = h.Value.Where(r => r.Stage is not (OpportunityStage.Won or OpportunityStage.Lost)).ToList();
                var quota = ofScope.TryGetValue(h.Key.ScopeId, out var q) && q.Currency == h.Key.Currency ? q.Amount : (decimal?)null;
                return (h.Key.ScopeId, new SnapshotFigures(
                    h.Key.Currency,
                    open.Sum(r => r.Total ?? 0m),
                    open.Where(r => r.Category == ForecastCategory.BestCase).Sum(r => r.Total ?? 0m),
                    open.Where(r => r.Category == ForecastCategory.Commit).Sum(r => r.Total ?? 0m),
                    h.Value.Where(r => r.Stage == OpportunityStage.Won).Sum(r => r.Total ?? 0m),
                    quota));
            });
    }
}
