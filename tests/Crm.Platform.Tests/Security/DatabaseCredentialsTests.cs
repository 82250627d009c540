using Crm.Testing;
using CrmPlatform.LocalServers;
using Npgsql;

namespace Crm.Platform.Tests.Security;

/// <summary>The PostgreSQL the fixture and the app host start: a password for every login, and one role per database
/// that reaches its own database only.</summary>
public sealed class DatabaseCredentialsTests(CrmTestServers servers)
{
    [Fact]
    public async Task A_login_without_the_password_or_with_a_wrong_one_is_refused()
    {
        var superuser = new NpgsqlConnectionStringBuilder(servers.Postgres.AdminConnectionString);

        var none = await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Password = null }.ConnectionString));
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Password = "guessed" }.ConnectionString));

        Assert.Contains("password", none.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);
        await OpenAsync(superuser.ConnectionString);
    }

    [Fact]
    public async Task A_database_s_role_owns_it_and_cannot_connect_to_another_database()
    {
        var leads = await servers.IsolateAsync("credentials_leads");
        var orders = await servers.IsolateAsync("credentials_orders");

        await using (var own = await OpenAsync(leads.DatabaseConnectionString))
        await using (var create = new NpgsqlCommand("CREATE TABLE owned (id int); SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'owned'", own))
        {
            Assert.Equal(leads.Name, await create.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        var trespass = new NpgsqlConnectionStringBuilder(leads.DatabaseConnectionString) { Database = orders.Name }.ConnectionString;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(trespass));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_cluster_made_when_logins_needed_no_password_is_switched_to_passwords_keeping_its_data()
    {
        var folder = Directory.CreateTempSubdirectory("crm-trust-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        try
        {
            var options = new PostgresOptions(Path.Combine(folder, "postgres"), Ports.Free(), Durable: false, CrmTestServers.Secret());
            await using (var first = await PostgresServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken))
            {
                await first.EnsureDatabaseAsync("kept", CrmTestServers.Secret(), TestContext.Current.CancellationToken);
            }

            // As clusters were made before: every loopback login trusted.
            var hba = Path.Combine(options.DataDirectory, "pg_hba.conf");
            await File.WriteAllTextAsync(hba, "host all all 127.0.0.1/32 trust\n", TestContext.Current.CancellationToken);
            var renewed = options with { SuperuserPassword = CrmTestServers.Secret() };

            await using var second = await PostgresServer.StartAsync(renewed, cancellationToken: TestContext.Current.CancellationToken);

            Assert.DoesNotContain("trust", string.Join('\n', File.ReadAllLines(hba).Where(l => !l.StartsWith('#'))), StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(new NpgsqlConnectionStringBuilder(second.AdminConnectionString) { Password = options.SuperuserPassword }.ConnectionString));
            await using var kept = await OpenAsync(second.ConnectionString("kept"));
            Assert.Equal("kept", kept.Database);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString);
        try
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
