using CrmPlatform.ServiceDefaults;
using Crm.Contracts.Forecasts;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain.Snapshots;
using Crm.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Forecasts.Features;

/// <summary>
/// Takes the week's snapshots when they are due: every open deal as it stands, and the forecast of each rep, each team and
/// the company for the period (one <see cref="ForecastSnapshot"/> per currency, each publishing ForecastSnapshotTaken),
/// all in one transaction. The replica that claims the day's row takes them; the others find it claimed and do nothing.
/// </summary>
internal sealed partial class SnapshotCheck(
    IServiceScopeFactory scopes,
    TimeProvider time,
    DatabaseSchema schema,
    IOptions<SnapshotOptions> options,
    ILogger<SnapshotCheck> logger) : BatchCheck(time, schema, logger)
{
    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        var due = SnapshotSchedule.LatestDue(DateOnly.FromDateTime(now.UtcDateTime), settings.Day);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForecastsDbContext>();
        if (await db.SnapshotRuns.AnyAsync(r => r.TakenOn == due, cancellationToken))
        {
            return 0;
        }

        var bounds = PeriodBounds.Of(PeriodKinds.ToWire(settings.Period), due).Bounds!;
        var period = new ForecastPeriod(settings.Period, bounds.StartsOn, bounds.EndsOn);
        var kind = settings.Period.ToString();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO forecast_snapshot_runs (taken_on, period_kind, starts_on, ends_on, taken_at) VALUES ({due}, {kind}, {bounds.StartsOn}, {bounds.EndsOn}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO snapshot_deals (taken_on, opportunity_id, owner_id, sales_team, stage, category, amount, currency, close_on)
            SELECT {due}, opportunity_id, owner_id, sales_team, stage, category, amount, currency, close_on
            FROM forecast_entries WHERE stage IS NOT NULL AND stage NOT IN ('Won', 'Lost')
            """,
            cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM snapshot_deals WHERE taken_on < {due.AddDays(-7 * settings.DealsKeptWeeks)}", cancellationToken);

        var quotas = await db.Quotas.AsNoTracking().Where(q => q.PeriodKind == settings.Period && q.StartsOn == bounds.StartsOn).ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var (scopeKind, grouping) in SnapshotFiguring.Scopes)
        {
            var rows = await RollupQuery.RowsAsync(db.Entries, grouping, PeriodKinds.ToWire(settings.Period), [bounds], cancellationToken);
            foreach (var (scopeId, figures) in SnapshotFiguring.Of(scopeKind, rows, quotas))
            {
                db.Snapshots.Add(ForecastSnapshot.Take(due, period, scopeKind, scopeId, figures, now));
                taken++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogTaken(Logger, due, taken, period.StartsOn, period.EndsOn);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the snapshots of {TakenOn}: {Snapshots} forecasts of {StartsOn} to {EndsOn}")]
    private static partial void LogTaken(ILogger logger, DateOnly takenOn, int snapshots, DateOnly startsOn, DateOnly endsOn);
}
