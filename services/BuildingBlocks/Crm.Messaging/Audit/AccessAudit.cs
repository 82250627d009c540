using Crm.Grpc.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Messaging.Audit;

/// <summary>
/// Records a refused call in the service's trail, in a transaction of its own (a refusal changes nothing else), and
/// logs it without the caller's name: the record holds that, where only administrators read it.
/// </summary>
internal sealed partial class AccessAudit(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<AccessAudit> logger) : IAccessAudit
{
    public async Task RecordDenialAsync(HttpContext refused, StatusCode status, string reason)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var audited = AuditedCall.Of(refused);
        var outcome = status == StatusCode.Unauthenticated ? AuditOutcome.Unauthenticated : AuditOutcome.Denied;
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_records (at, actor, roles, action, outcome, detail, peer, trace_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = audited.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = audited.Roles });
        command.Parameters.Add(new NpgsqlParameter { Value = audited.Action });
        command.Parameters.Add(new NpgsqlParameter { Value = outcome.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        command.Parameters.Add(new NpgsqlParameter { Value = audited.Peer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)audited.TraceId ?? DBNull.Value });

        // The caller has its answer whatever happens here: a trail that cannot be written is logged, not thrown.
        try
        {
            var id = await command.ExecuteScalarAsync(CancellationToken.None);
            LogRefused(logger, audited.Action, status, id);
        }
        catch (NpgsqlException ex)
        {
            LogNotRecorded(logger, ex, audited.Action, status);
        }
    }

    [LoggerMessage(LogLevel.Information, "Refused {Method} with {Status}: audit record {AuditRecordId}")]
    private static partial void LogRefused(ILogger logger, string method, StatusCode status, object? auditRecordId);

    [LoggerMessage(LogLevel.Error, "Refused {Method} with {Status}, and could not record it in the audit trail")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string method, StatusCode status);
}
