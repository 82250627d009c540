using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>The service's own PostgreSQL database, from <c>ConnectionStrings__{database}</c>.</summary>
public static class DatabaseExtensions
{
    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> for the service's database, makes <c>/health</c> depend on it, and applies
    /// the migrations added with <see cref="AddDatabaseMigrations(IServiceCollection, System.Reflection.Assembly)"/> when the service starts.
    /// </summary>
    public static TBuilder AddServiceDatabase<TBuilder>(this TBuilder builder, CrmService service)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        var name = service.Database ?? throw new ArgumentException($"the {service.Name} service owns no database", nameof(service));
        var connectionString = builder.Configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings__{name} is not set: the {service.Name} service needs its PostgreSQL database");
        }

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = name }.Build());
        builder.Services.AddSingleton<DatabaseSchema>();
        builder.Services.AddHostedService<DatabaseMigrationStartup>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(name: "postgres", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// Applies the SQL migrations embedded in <paramref name="assembly"/> (<c>Data/Migrations/NNNN_name.sql</c>) at start,
    /// after those of assemblies added before it. Adding the same assembly twice applies it once.
    /// </summary>
    public static IServiceCollection AddDatabaseMigrations(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(assembly);
        return services.AddMigrationSource(new MigrationSource(assembly, () => SqlMigrations.In(assembly)));
    }

    /// <summary>
    /// Applies the migrations <paramref name="migrations"/> gives at start, after those added before, under
    /// <paramref name="module"/> in <c>schema_migrations</c>: scripts a library ships rather than files of our own.
    /// </summary>
    public static IServiceCollection AddDatabaseMigrations(this IServiceCollection services, string module, Func<IReadOnlyList<SqlMigration>> migrations)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(module);
        return services.AddMigrationSource(new MigrationSource(module, migrations));
    }

    private static IServiceCollection AddMigrationSource(this IServiceCollection services, MigrationSource source)
    {
        if (!services.Any(d => source.Equals(d.ImplementationInstance)))
        {
            services.AddSingleton(source);
        }

        return services;
    }
}
