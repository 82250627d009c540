using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>Ready only while the service's own database answers a query and its migrations are applied.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, DatabaseSchema schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return schema.Ready.IsCompletedSuccessfully ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("migrations not applied yet");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
