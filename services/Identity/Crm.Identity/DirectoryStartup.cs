using Crm.Identity.Clients;
using Crm.Identity.People;
using CrmPlatform.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Crm.Identity;

/// <summary>
/// Once the database is migrated, registers the configured clients and the demo people; the service is not ready
/// before, since a sign-in or a token request would be refused for a client or person it does not know yet.
/// Replicas that start together take turns under an advisory lock: both would find a client missing and both
/// create it, and the second would fail on the first's row.
/// </summary>
internal sealed class DirectoryStartup(DatabaseSchema schema, NpgsqlDataSource dataSource, ClientSeed clients, DirectorySeed people) : BackgroundService, IHealthCheck
{
    // Any fixed number: the same in every replica, and apart from the key ring's and the migrations' locks.
    private const long SeedLock = 0x43524D_44495253;

    private volatile bool _ready;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the clients and people are not registered yet"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        await using (var connection = await dataSource.OpenConnectionAsync(stoppingToken))
        await using (await AdvisoryLock.TakeAsync(connection, SeedLock, stoppingToken))
        {
            await clients.SeedAsync(stoppingToken);
            await people.SeedAsync(stoppingToken);
        }

        _ready = true;
    }
}
