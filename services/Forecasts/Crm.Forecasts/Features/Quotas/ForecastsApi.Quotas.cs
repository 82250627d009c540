using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Forecasts;
using Crm.Domain;
using Crm.Forecasts.Domain.Quotas;
using Crm.Grpc;
using Crm.Grpc.Security;
using Crm.Messaging.Commands;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>
/// Quotas: a sales manager sets what a rep, a team or the company is to win in a period. A team's manager keeps the
/// quotas of their team and of the reps they set them for; a vice-president keeps any.
/// </summary>
internal sealed partial class ForecastsApi
{
    public override Task<Wire.Quota> SetQuota(Wire.SetQuotaRequest request, ServerCallContext context) => SetQuotaAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Quota>> SetQuotaAsync(Wire.SetQuotaRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var scope = QuotaWire.Scope(request.Scope);
        if (scope is null)
        {
            check.Fail("scope", "is required: REP, TEAM or COMPANY");
        }

        var scopeId = check.OptionalText(request.ScopeId, "scope_id") ?? string.Empty;
        var amount = check.Money(request.Amount, "amount", required: true);
        var within = check.Date(request.Within, "within", required: false);
        if (request.ExpectedVersion < 0)
        {
            check.Fail("expected_version", "must be 0 (check nothing) or the version last read");
        }

        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var (bounds, periodStatus) = PeriodBounds.Of(request.Period, within ?? Today);
        if (bounds is null)
        {
            return periodStatus;
        }

        var reach = CallerReach.Of(context);
        if (KeeperRefusal(reach, scope!.Value, scopeId) is { } refused)
        {
            return refused;
        }

        var period = new ForecastPeriod(PeriodKinds.Of(request.Period), bounds.StartsOn, bounds.EndsOn);
        // Whoever sets a quota keeps it: a vice-president's stays theirs, a manager's their team's (and the managers'
        // above it). The team or rep it is for sees it but does not change it.
        var keptBy = reach.Everything ? null : reach.Team;
        return await SetAsync(new QuotaKey(scope.Value, scopeId, period), amount!, keptBy, request.ExpectedVersion, reach, context);
    }

    /// <summary>
    /// Changes the quota when there is one, else adds it. Two managers adding the same quota at once: one insert loses
    /// on the unique key, and its second round changes the quota the other added.
    /// </summary>
    private async Task<GrpcResult<Wire.Quota>> SetAsync(QuotaKey key, Money amount, string? keptBy, long expectedVersion, SalesReach reach, ServerCallContext context)
    {
        var (setBy, now) = (Caller.Of(context), clock.GetUtcNow());
        for (var round = 1; ; round++)
        {
            var existing = await QuotaOf(key).AsNoTracking().AnyAsync(context.CancellationToken);
            if (existing)
            {
                var changed = await db.ChangeAsync(
                    token => QuotaOf(key).FirstOrDefaultAsync(token),
                    new CommandTarget("scope_id", $"the quota of {key}"),
                    expectedVersion,
                    quota => quota.Change(amount, setBy, now),
                    context.CancellationToken,
                    quota => reach.Everything || (quota.SalesTeam is { } keeper && reach.Teams.Contains(keeper, StringComparer.Ordinal))
                        ? Result.Done
                        : DomainError.Forbidden($"the quota of {key} is kept by {(quota.SalesTeam is { } team ? $"team {team}'s managers" : "a vice-president")}"));
                return changed.ToResponse(quota => quota.ToWire());
            }

            if (expectedVersion != 0)
            {
                return DomainError.Conflict($"the quota of {key} does not exist yet: set it with expected_version 0");
            }

            var added = Quota.Set(key.Scope, key.ScopeId, key.Period, amount, keptBy, setBy, now);
            if (added.Error is { } refused)
            {
                return refused;
            }

            db.Quotas.Add(added.Value!);
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
                return added.Value!.ToWire();
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && round == 1)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private IQueryable<Quota> QuotaOf(QuotaKey key) =>
        db.Quotas.Where(q => q.Scope == key.Scope && q.ScopeId == key.ScopeId && q.PeriodKind == key.Period.Kind && q.StartsOn == key.Period.StartsOn);

    /// <summary>Why the caller may not keep a quota of this scope: only a vice-president keeps the company's, and a
    /// team's manager keeps their own team's, those of the teams below it, and their reps'.</summary>
    private static Status? KeeperRefusal(SalesReach reach, ForecastScope scope, string scopeId) => reach.Everything
        ? null
        : scope switch
        {
            ForecastScope.Company => new Status(StatusCode.PermissionDenied, "only a vice-president sets the company's quota"),
            ForecastScope.Team when !reach.Teams.Contains(scopeId, StringComparer.Ordinal) =>
                new Status(StatusCode.PermissionDenied, $"a team's manager sets the quotas of their own team and the teams below it ({string.Join(", ", reach.Teams.DefaultIfEmpty("none"))}) and of their reps, not of team {scopeId}"),
            _ when reach.Team is null => new Status(StatusCode.PermissionDenied, "the caller keeps no team's quotas"),
            _ => null,
        };
}
