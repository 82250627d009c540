using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Applies the service's migrations as soon as its database answers, without holding up the start: a service and its
/// database may start in any order. <see cref="DatabaseSchema.Ready"/> completes when they are applied.
/// </summary>
internal sealed partial class DatabaseMigrationStartup(
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationSource> sources,
    DatabaseSchema schema,
    ILogger<DatabaseMigrationStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await SqlMigrations.ApplyAsync(dataSource, sources.SelectMany(s => s.Migrations()), stoppingToken);
                LogApplied(applied);
                schema.MarkReady();
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                LogWaiting(ex.Message);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 5));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrations: {Applied} applied")]
    private partial void LogApplied(int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migrations yet: {Reason}")]
    private partial void LogWaiting(string reason);
}
