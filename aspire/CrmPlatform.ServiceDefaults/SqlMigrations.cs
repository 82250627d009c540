using System.Reflection;
using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Versioned SQL migrations embedded in assemblies as <c>Data/Migrations/NNNN_name.sql</c> (Directory.Build.props embeds
/// them as <c>migrations/NNNN_name.sql</c>). Each is applied once, in its own transaction, in order: assemblies in
/// the order given, files by name within one. A PostgreSQL advisory lock makes replicas that start together take
/// turns, and <c>schema_migrations</c> records what was applied.
/// </summary>
public static class SqlMigrations
{
    /// <summary>The prefix of the embedded resource names that hold migrations.</summary>
    public const string ResourcePrefix = "migrations/";

    // Any fixed number works: it only has to be the same in every replica of every service.
    private const long AdvisoryLockKey = 0x43524D_4D494752;

    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            module     text        NOT NULL,
            version    text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (module, version))
        """;

    /// <summary>The migrations embedded in <paramref name="assembly"/>, in the order they apply.</summary>
    public static IReadOnlyList<SqlMigration> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var module = assembly.GetName().Name ?? throw new ArgumentException("the assembly has no name", nameof(assembly));
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n => new SqlMigration(module, n[ResourcePrefix.Length..^".sql".Length], Read(assembly, n))),
        ];
    }

    /// <summary>Applies what is not applied yet of <paramref name="assemblies"/>' migrations; returns how many it applied.</summary>
    public static Task<int> ApplyAsync(NpgsqlDataSource dataSource, IEnumerable<Assembly> assemblies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return ApplyAsync(dataSource, assemblies.Distinct().SelectMany(In), cancellationToken);
    }

    /// <summary>Applies what is not applied yet of <paramref name="all"/>, in their order; returns how many it applied.</summary>
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, IEnumerable<SqlMigration> all, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(all);
        var migrations = all.ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (await AdvisoryLock.TakeAsync(connection, AdvisoryLockKey, cancellationToken))
        {
            await ExecuteAsync(connection, CreateJournal, cancellationToken);
            var applied = new HashSet<(string, string)>();
            await using (var journal = new NpgsqlCommand("SELECT module, version FROM schema_migrations", connection))
            await using (var reader = await journal.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            var count = 0;
            foreach (var migration in migrations.Where(m => !applied.Contains((m.Module, m.Version))))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (module, version) VALUES ($1, $2)", connection)
                {
                    Parameters = { new() { Value = migration.Module }, new() { Value = migration.Version } },
                };
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                count++;
            }

            return count;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
