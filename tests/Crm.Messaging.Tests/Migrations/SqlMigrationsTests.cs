using Crm.Messaging.SampleService.Data;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Npgsql;

namespace Crm.Messaging.Tests.Migrations;

public sealed class SqlMigrationsTests(CrmTestServers servers)
{
    [Fact]
    public async Task Replicas_starting_together_apply_each_migration_once_in_order()
    {
        var resources = await servers.IsolateAsync(nameof(SqlMigrationsTests));
        await using var dataSource = NpgsqlDataSource.Create(resources.DatabaseConnectionString);
        System.Reflection.Assembly[] assemblies = [typeof(MessagingDbContext).Assembly, typeof(SampleDbContext).Assembly];

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SqlMigrations.ApplyAsync(dataSource, assemblies, TestContext.Current.CancellationToken)));

        Assert.Equal(5, applied.Sum());
        Assert.Equal(0, await SqlMigrations.ApplyAsync(dataSource, assemblies, TestContext.Current.CancellationToken));
        await using var journal = dataSource.CreateCommand("SELECT module || '/' || version FROM schema_migrations ORDER BY applied_at, module");
        await using var reader = await journal.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        Assert.Equal(["Crm.Messaging/0001_outbox_and_inbox", "Crm.Messaging/0002_outbox_notify_after_commit", "Crm.Messaging/0003_audit_records", "Crm.Messaging/0004_personal_data_erasures", "Crm.Messaging.SampleService/0001_sample"], rows);
    }

    [Fact]
    public void Migrations_are_found_by_their_embedded_names_in_file_order()
    {
        var migrations = SqlMigrations.In(typeof(MessagingDbContext).Assembly);

        Assert.Equal(["0001_outbox_and_inbox", "0002_outbox_notify_after_commit", "0003_audit_records", "0004_personal_data_erasures"], [.. migrations.Select(m => m.Version)]);
        Assert.Contains("CREATE TABLE outbox_messages", migrations[0].Sql, StringComparison.Ordinal);
        Assert.Contains("DROP TRIGGER IF EXISTS outbox_messages_inserted", migrations[1].Sql, StringComparison.Ordinal);
    }
}
