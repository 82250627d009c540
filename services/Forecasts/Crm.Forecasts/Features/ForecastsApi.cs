using Crm.Api;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;
using Crm.Grpc.Security;
using Grpc.Core;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>
/// <c>crm.forecasts.v1.ForecastsService</c>, answered from the read model, the quotas and the snapshots; one partial class
/// per capability folder (Pipeline, Forecast, FlowForecast, Accuracy, Rollup, Quotas, Snapshots).
/// </summary>
internal sealed partial class ForecastsApi(ForecastsDbContext db, TimeProvider clock, FlowModels models) : Wire.ForecastsService.ForecastsServiceBase
{
    /// <summary>Today by the service's clock (UTC): the default day of every period asked for.</summary>
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The period a request asks for: the <paramref name="period"/> containing <paramref name="within"/> (today
    /// when unset); null with the status naming the field at fault.</summary>
    private (PeriodBounds? Bounds, Status Status) PeriodAsked(Wire.PeriodKind period, Crm.Common.Grpc.V1.Date? within)
    {
        var check = new RequestCheck();
        var day = check.Date(within, "within", required: false);
        return check.Failure is { } invalid ? (null, invalid) : PeriodBounds.Of(period, day ?? Today);
    }

    /// <summary>
    /// The deals the caller's reports cover (the sales-team rules of the deals themselves): a rep's own, their team's and
    /// those whose deal team they are on; a team manager's team's; every deal for a vice-president and an administrator.
    /// Others are left out, not refused: a report over deals out of reach is a report over none of them.
    /// </summary>
    private IQueryable<ForecastEntry> EntriesInReach(ServerCallContext context)
    {
        var reach = CallerReach.Of(context);
        if (reach.Everything)
        {
            return db.Entries;
        }

        var (teams, owner) = (reach.Teams.ToArray(), reach.Owner);
        return db.Entries.Where(e => (e.SalesTeam != null && teams.Contains(e.SalesTeam))
            || (owner != null && (e.OwnerId == owner || db.TeamMembers.Any(m => m.OpportunityId == e.OpportunityId && m.MemberId == owner))));
    }
}
