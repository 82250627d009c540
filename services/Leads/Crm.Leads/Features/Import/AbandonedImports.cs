using Crm.Leads.Data;
using Crm.Messaging.Data;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Leads.Features.Import;

/// <summary>
/// Closes the imports whose service stopped under them (killed, its machine gone): an import still RUNNING with no batch
/// merged for <see cref="ImportLimits.Quiet"/> is FAILED, saying that its merged batches stay and that the same file sent
/// again resumes it. Every replica looks at start and every few minutes; the row locks and the record's own rule (only
/// a running import ends) keep two replicas from closing one twice.
/// </summary>
public sealed partial class AbandonedImports(IServiceScopeFactory scopes, DatabaseSchema schema, TimeProvider clock, ILogger<AbandonedImports> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    /// <summary>Closes every abandoned import now; how many there were.</summary>
    public async Task<int> CloseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadsDbContext>();
        var now = clock.UtcNowInMicroseconds();
        var quietSince = now - ImportLimits.Quiet;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var abandoned = await db.LeadImports
            .FromSql($"SELECT * FROM lead_imports WHERE status = 'Running' AND updated_at < {quietSince} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var record in abandoned)
        {
            var why = $"abandoned: no batch merged for {ImportLimits.Quiet.TotalMinutes:0} minutes (the service handling it stopped); the batches merged before stay, and sending the same file again resumes it (their rows count as duplicates then)";
            if (record.Fail(why, now).IsDone)
            {
                LogAbandoned(record.ImportId, record.Counts.RowsRead);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return abandoned.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await CloseAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException)
            {
                // The database is away for a moment: the next round looks again.
                LogNotClosed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} abandoned after {RowsRead} rows merged: closed as FAILED")]
    private partial void LogAbandoned(Guid importId, long rowsRead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abandoned imports could not be looked for; the next round tries again")]
    private partial void LogNotClosed(Exception exception);
}
