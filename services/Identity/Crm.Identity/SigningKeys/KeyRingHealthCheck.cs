using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Identity.SigningKeys;

/// <summary>Ready once the key ring is loaded: before that no token can be signed with a key that others can verify.</summary>
internal sealed class KeyRingHealthCheck(KeyRing ring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ring.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the signing keys are not loaded yet"));
}
