using Crm.Identity.Clients;
using Crm.Identity.People;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Identity;

/// <summary>
/// Once the database is migrated, registers the configured clients and the demo people; the service is not ready
/// before, since a sign-in or a token request would be refused for a client or person it does not know yet.
/// </summary>
internal sealed class DirectoryStartup(DatabaseSchema schema, ClientSeed clients, DirectorySeed people) : BackgroundService, IHealthCheck
{
    private volatile bool _ready;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the clients and people are not registered yet"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        await clients.SeedAsync(stoppingToken);
        await people.SeedAsync(stoppingToken);
        _ready = true;
    }
}
