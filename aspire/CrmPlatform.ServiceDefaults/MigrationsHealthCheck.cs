using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.ServiceDefaults;

/// <summary>Ready only once the service's migrations are applied (the database answering is AddNpgSql's check).</summary>
internal sealed class MigrationsHealthCheck(DatabaseSchema schema) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(schema.Ready.IsCompletedSuccessfully ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("migrations not applied yet"));
}
