using Microsoft.Extensions.Configuration;
using CrmPlatform.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.AppHost.Resources;

/// <summary>PostgreSQL for the app host: the user's own server when configuration names one, otherwise ours.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// The server named by <c>ConnectionStrings:{name}</c> (a user with CREATEDB) when configured; otherwise PostgreSQL
    /// from Debian's packages, run as the postgres user on 127.0.0.1 with its cluster in the data folder, reused by the
    /// next run. (Aspire's <c>AddPostgres</c> runs a container, and no container engine is here.)
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, LocalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var secrets = LocalSecrets.In(settings);
        if (builder.ConfiguredServer(name) is { } configured)
        {
            var location = new Npgsql.NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(name)) { Username = null, Password = null, Database = null, Passfile = null };
            return configured.WithAnnotation(new LocalSecretsAnnotation(secrets)).WithAnnotation(new ServerLocationAnnotation(location.ConnectionString));
        }

        var options = new PostgresOptions(settings.Folder("postgres"), settings.Port(5433), Durable: true, secrets.Password("postgres-superuser"), settings.PostgresBinDirectory);
        var server = new PostgresServerResource(name, options);
        PostgresServer.PrepareFolder(options);

        var check = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddReadinessCheck(
            check, ct => PostgresServer.AcceptsConnectionsAsync(PostgresServer.ConnectionString(options.Port, options.SuperuserPassword, "postgres"), ct), "no connection yet");

        return builder.AddLocalServer(server)
            .WithAnnotation(new LocalSecretsAnnotation(secrets))
            .WithAnnotation(new ServerLocationAnnotation($"Host=127.0.0.1;Port={options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))
            .WithEndpoint(name: "tcp", port: options.Port, targetPort: options.Port, isProxied: false)
            .WithHealthCheck(check)
            .OnBeforeResourceStarted(async (resource, e, ct) =>
            {
                var isNew = !File.Exists(Path.Combine(options.DataDirectory, "PG_VERSION"));
                var log = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                await PostgresServer.PrepareAsync(options, line => ResourceLog.Line(log, line), ct);
                if (isNew)
                {
                    var appHostLog = e.Services.GetRequiredService<ILogger<PostgresServerResource>>();
                    ResourceLog.NewCluster(appHostLog, options.DataDirectory);
                }
            });
    }

    /// <summary>A service's own database on <paramref name="server"/> with the role that owns it (its password kept
    /// with the run's secrets), created once the server answers; healthy when the role's connection to it opens.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<IResourceWithConnectionString> server, string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        var secrets = server.Resource.Annotations.OfType<LocalSecretsAnnotation>().Single().Secrets;
        var password = server.ApplicationBuilder.AddParameter($"{name}-password", () => secrets.Password($"postgres-{name}"), secret: true);
        var location = server.Resource.Annotations.OfType<ServerLocationAnnotation>().Single().WithoutCredentials;
        var database = new PostgresDatabaseResource(name, name, server.Resource, location, password.Resource);
        var check = $"{name}-accepts-connections";
        server.ApplicationBuilder.Services.AddHealthChecks().AddReadinessCheck(
            check,
            async ct => await PostgresServer.AcceptsConnectionsAsync(await database.ConnectionStringExpression.GetValueAsync(ct) ?? string.Empty, ct),
            "no connection yet");

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", Properties = [], State = KnownResourceStates.Waiting })
            .WithHealthCheck(check)
            .OnInitializeResource((resource, e, ct) =>
            {
                // Runs beside the start of everything else: the server it waits for starts after this returns.
                _ = Task.Run(() => CreateWhenServerAnswersAsync(resource, e, ct), ct);
                return Task.CompletedTask;
            });
    }

    private static async Task CreateWhenServerAnswersAsync(PostgresDatabaseResource database, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        try
        {
            var admin = await database.Parent.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? string.Empty;
            const int minutes = 3;
            var answered = await Poll.UntilAsync(ct => PostgresServer.AcceptsConnectionsAsync(admin, ct), TimeSpan.FromMinutes(minutes), cancellationToken);
            if (!answered)
            {
                ResourceLog.ServerSilent(e.Logger, database.Parent.Name, minutes);
                await e.Notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
                return;
            }

            var password = await database.Password.GetValueAsync(cancellationToken) ?? string.Empty;
            await PostgresServer.EnsureDatabaseAsync(admin, database.DatabaseName, password, cancellationToken);
            await e.Notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
        {
            ResourceLog.DatabaseFailed(e.Logger, ex, database.DatabaseName);
            await e.Notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
        }
        catch (OperationCanceledException)
        {
            // The app host is stopping.
        }
    }
}
