using CrmPlatform.ServiceDefaults;
using Crm.Messaging.Data;
using Crm.Contracts.Support;
using Crm.Messaging;
using Crm.Support.Data;
using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Support.Features.ServiceLevels;

/// <summary>
/// Every <see cref="SupportOptions.ServiceLevelCheckInterval"/>, records each service-level target that passed unmet
/// (no response by respond_by, no resolution by resolve_by) and publishes ServiceLevelBreached, once per case and
/// target. Replicas share the work: each claims cases with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
internal sealed partial class ServiceLevelCheck(
    IServiceScopeFactory scopes,
    TimeProvider time,
    DatabaseSchema schema,
    IOptions<SupportOptions> options,
    ILogger<ServiceLevelCheck> logger) : BatchCheck(time, schema, logger)
{
    protected override TimeSpan Interval => options.Value.ServiceLevelCheckInterval;

    /// <summary>Records the breaches of one batch of cases; returns how many cases had one.</summary>
    protected override async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var now = Time.UtcNowInMicroseconds();
        var resolved = nameof(CaseStatus.Resolved);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Cases
            .FromSql($"""
                SELECT * FROM cases
                WHERE status <> {resolved}
                  AND ((responded_at IS NULL AND response_breached_at IS NULL AND respond_by < {now})
                       OR (resolution_breached_at IS NULL AND resolve_by < {now}))
                ORDER BY resolve_by, id
                LIMIT {options.Value.ServiceLevelCheckBatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var supportCase in due)
        {
            foreach (var (target, dueAt) in supportCase.RecordBreaches(now))
            {
                LogBreached(Logger, supportCase.Id, target, dueAt);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} missed its {Target} target, due {DueAt}")]
    private static partial void LogBreached(ILogger logger, Guid caseId, ServiceLevelTarget target, DateTimeOffset dueAt);
}
