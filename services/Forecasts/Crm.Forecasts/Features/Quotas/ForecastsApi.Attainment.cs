using Crm.Api;
using Crm.Contracts.Forecasts;
using Crm.Contracts.Opportunities;
using Crm.Forecasts.Domain.Quotas;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>Attainment: each quota of a period in reach beside what its rep, team or company won, commits and has open.</summary>
internal sealed partial class ForecastsApi
{
    public override Task<Wire.Attainment> GetAttainment(Wire.GetAttainmentRequest request, ServerCallContext context) => GetAttainmentAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Attainment>> GetAttainmentAsync(Wire.GetAttainmentRequest request, ServerCallContext context)
    {
        var (bounds, periodStatus) = PeriodAsked(request.Period, request.Within);
        if (bounds is null)
        {
            return periodStatus;
        }

        var quotas = await QuotasInReach(context)
            .Where(q => q.PeriodKind == PeriodKinds.Of(request.Period) && q.StartsOn == bounds.StartsOn)
            .ToListAsync(context.CancellationToken);

        // One grouped query per kind of scope among the quotas: by owner for reps', by team for teams', all for the company's.
        var rows = new Dictionary<ForecastScope, List<RollupRow>>();
        foreach (var scope in quotas.Select(q => q.Scope).Distinct())
        {
            var grouping = scope switch { ForecastScope.Rep => Wire.RollupGrouping.ByOwner, ForecastScope.Team => Wire.RollupGrouping.ByTeam, _ => Wire.RollupGrouping.AllInReach };
            rows[scope] = await RollupQuery.RowsAsync(EntriesInReach(context), grouping, request.Period, [bounds], context.CancellationToken);
        }

        // A team's quota counts its deals and those of the teams below it (a director's team, its managers' teams).
        var reach = CallerReach.Of(context);
        var answer = new Wire.Attainment { StartsOn = DateConversions.ToDate(bounds.StartsOn), EndsOn = DateConversions.ToDate(bounds.EndsOn) };
        answer.Quotas.AddRange(quotas
            .OrderBy(q => q.Scope).ThenBy(q => q.ScopeId, StringComparer.Ordinal)
            .Select(q => Attained(q, q.Scope switch
            {
                ForecastScope.Company => rows[q.Scope],
                ForecastScope.Team => OfTeams(rows[q.Scope], reach.TeamsUnder(q.ScopeId)),
                _ => rows[q.Scope].Where(r => string.Equals(r.Group, q.ScopeId, StringComparison.Ordinal)),
            })));
        return answer;
    }

    /// <summary>The rows of <paramref name="teams"/>.</summary>
    private static IEnumerable<RollupRow> OfTeams(IEnumerable<RollupRow> rows, IReadOnlyList<string> teams)
    {
        var wanted = teams.ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => r.Group is not null && wanted.Contains(r.Group));
    }

    /// <summary>A quota beside its deals of the period, in the quota's currency.</summary>
    private static Wire.QuotaAttainment Attained(Quota quota, IEnumerable<RollupRow> rows)
    {
        var all = rows.ToList();
        var counted = all.Where(r => r.Currency is null || r.Currency == quota.Currency).ToList();
        var open = counted.Where(r => r.Stage is not (OpportunityStage.Won or OpportunityStage.Lost)).ToList();
        var won = counted.Where(r => r.Stage == OpportunityStage.Won).Sum(r => r.Total ?? 0m);
        var commit = open.Where(r => r.Category == ForecastCategory.Commit).Sum(r => r.Total ?? 0m);
        return new Wire.QuotaAttainment
        {
            Quota = quota.ToWire(),
            Won = MoneyConversions.ToMoney(won, quota.Currency),
            Commit = MoneyConversions.ToMoney(commit, quota.Currency),
            BestCase = MoneyConversions.ToMoney(open.Where(r => r.Category == ForecastCategory.BestCase).Sum(r => r.Total ?? 0m), quota.Currency),
            Pipeline = MoneyConversions.ToMoney(open.Sum(r => r.Total ?? 0m), quota.Currency),
            AttainmentPercent = (double)(won / quota.Amount * 100m),
            CommittedPercent = (double)((won + commit) / quota.Amount * 100m),
            OtherCurrencyDeals = all.Except(counted).Sum(r => r.Deals),
        };
    }

    /// <summary>
    /// The quotas the caller sees: every one for a vice-president; otherwise those kept by the managers of their team or
    /// of a team below it, those of these teams, their own, and those of the reps who work deals in these teams (a rep's
    /// quota a vice-president set included, though no team keeps it).
    /// </summary>
    private IQueryable<Quota> QuotasInReach(ServerCallContext context)
    {
        var reach = CallerReach.Of(context);
        if (reach.Everything)
        {
            return db.Quotas.AsNoTracking();
        }

        var (teams, owner) = (reach.Teams.ToArray(), reach.Owner);
        return db.Quotas.AsNoTracking().Where(q =>
            (q.SalesTeam != null && teams.Contains(q.SalesTeam))
            || (q.Scope == ForecastScope.Team && teams.Contains(q.ScopeId))
            || (q.Scope == ForecastScope.Rep && (q.ScopeId == owner
                || db.Entries.Any(e => e.OwnerId == q.ScopeId && e.SalesTeam != null && teams.Contains(e.SalesTeam)))));
    }
}
