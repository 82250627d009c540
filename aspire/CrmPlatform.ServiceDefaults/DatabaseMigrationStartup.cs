using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Applies the service's migrations before anything else starts (hosted services start in registration order, and
/// <see cref="DatabaseExtensions.AddServiceDatabase"/> registers this one first). A database that is not reachable
/// yet is waited for, so that the service and its database may start in any order.
/// </summary>
internal sealed partial class DatabaseMigrationStartup(
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationAssembly> assemblies,
    ILogger<DatabaseMigrationStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var applied = await SqlMigrations.ApplyAsync(dataSource, assemblies.Select(a => a.Assembly), cancellationToken);
                LogApplied(applied);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                LogWaiting(ex.Message);
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 5));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrations: {Applied} applied")]
    private partial void LogApplied(int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migrations yet: {Reason}")]
    private partial void LogWaiting(string reason);
}
