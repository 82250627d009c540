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
        var answer = new Wire.ActivityReport();
        answer.Periods.AddRange(periods.Select(p => new Wire.RollupPeriod { StartsOn = DateConversions.ToDate(p.StartsOn), EndsOn = DateConversions.ToDate(p.EndsOn) }));
        answer.Cells.AddRange(rows
            .OrderBy(r => r.Group ?? string.Empty, StringComparer.Ordinal).ThenBy(r => r.Period).ThenBy(r => r.Type).ThenBy(r => r.Outcome).ThenBy(r => r.Department)
            .Select(r => new Wire.ActivityCell
            {
                Group = r.Group ?? string.Empty,
                Period = r.Period,
                Kind = r.Type.ToString().ToUpperInvariant(),
                Outcome = CommonEnums.ToWire(r.Outcome),
                Department = CommonEnums.ToWire(r.Department),
                Count = r.Count,
            }));
        return answer;
    }

    private async Task<List<ActivityRow>> ActivityRowsAsync(Wire.RollupGrouping grouping, Wire.PeriodKind kind, IReadOnlyList<PeriodBounds> periods, ServerCallContext context)
    {
        var (first, last) = (periods[0].StartsOn, periods[^1].EndsOn);
        var months = PeriodKinds.MonthsIn(kind);
        var (byOwner, byTeam) = (grouping == Wire.RollupGrouping.ByOwner, grouping == Wire.RollupGrouping.ByTeam);
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

        var (team, owner) = (reach.Team, reach.Owner);
        return db.Activities.AsNoTracking().Where(a => (team != null && a.SalesTeam == team) || (owner != null && a.LoggedBy == owner));
    }
}
