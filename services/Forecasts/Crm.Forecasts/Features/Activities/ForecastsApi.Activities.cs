using Crm.Api;
using Crm.Forecasts.Domain.Activities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>
/// Activity and call reports: the interactions in reach counted by group, period, kind, outcome and department, in one
/// grouped query. A rep's reach is what they and their team logged; a team's manager's, the team's; a vice-president's,
/// everything, support's interactions included.
/// </summary>
internal sealed partial class ForecastsApi
{
    public override Task<Wire.ActivityReport> GetActivityReport(Wire.GetActivityReportRequest request, ServerCallContext context) => GetActivityReportAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ActivityReport>> GetActivityReportAsync(Wire.GetActivityReportRequest request, ServerCallContext context)
    {
        var (periods, periodStatus) = PeriodsAsked(request.GroupBy, request.Period, request.From, request.Periods);
        if (!periodStatus.IsOk)
        {
            return periodStatus;
        }

        var rows = await ActivityRowsAsync(request.GroupBy, request.Period, periods, context);
        var groupOf = GroupNaming(request.GroupBy, context);
        var answer = new Wire.ActivityReport();
        answer.Periods.AddRange(periods.Select(p => new Wire.RollupPeriod { StartsOn = DateConversions.ToDate(p.StartsOn), EndsOn = DateConversions.ToDate(p.EndsOn) }));
        answer.Cells.AddRange(rows
            .GroupBy(r => (Group: groupOf(r.Group) ?? string.Empty, r.Period, r.Type, r.Outcome, r.Department))
            .OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Period).ThenBy(g => g.Key.Type).ThenBy(g => g.Key.Outcome).ThenBy(g => g.Key.Department)
            .Select(g => new Wire.ActivityCell
            {
                Group = g.Key.Group,
                Period = g.Key.Period,
                Kind = g.Key.Type.ToString().ToUpperInvariant(),
                Outcome = CommonEnums.ToWire(g.Key.Outcome),
                Department = CommonEnums.ToWire(g.Key.Department),
                Count = g.Sum(r => r.Count),
            }));
        return answer;
    }

    private async Task<List<ActivityRow>> ActivityRowsAsync(Wire.RollupGrouping grouping, Wire.PeriodKind kind, IReadOnlyList<PeriodBounds> periods, ServerCallContext context)
    {
        var (first, last) = (periods[0].StartsOn, periods[^1].EndsOn);
        var months = PeriodKinds.MonthsIn(kind);
        var (byOwner, byTeam) = (grouping == Wire.RollupGrouping.ByOwner, grouping is Wire.RollupGrouping.ByTeam or Wire.RollupGrouping.ByBranch);
        return await ActivitiesInReach(context)
            .Where(a => a.HappenedOn >= first && a.HappenedOn <= last)
            .GroupBy(a => new
            {
                Group = EF.Constant(byOwner) ? a.LoggedBy : EF.Constant(byTeam) ? a.SalesTeam : null,
                Period = (((a.HappenedOn.Year - first.Year) * 12) + a.HappenedOn.Month - first.Month) / months,
                a.Type,
                a.Outcome,
                a.Department,
            })
            .Select(g => new ActivityRow { Group = g.Key.Group, Period = g.Key.Period, Type = g.Key.Type, Outcome = g.Key.Outcome, Department = g.Key.Department, Count = g.Count() })
            .ToListAsync(context.CancellationToken);
    }

    private IQueryable<LoggedActivity> ActivitiesInReach(ServerCallContext context)
    {
        var reach = CallerReach.Of(context);
        if (reach.Everything)
        {
            return db.Activities.AsNoTracking();
        }

        var (teams, owner) = (reach.Teams.ToArray(), reach.Owner);
        return db.Activities.AsNoTracking().Where(a => (a.SalesTeam != null && teams.Contains(a.SalesTeam)) || (owner != null && a.LoggedBy == owner));
    }
}
