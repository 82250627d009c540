using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CrmPlatform.LocalServers;

/// <summary>
/// A service's database and the one role that reaches it: the role, named as the database, owns it and everything in
/// it, and no other role but a superuser may connect to it.
/// </summary>
public static class PostgresDatabases
{
    /// <summary>
    /// Creates <paramref name="database"/> and its owner role (login with <paramref name="password"/>) unless they
    /// exist, and makes it so whatever they held before: the password set, the database and its tables owned by the
    /// role, connections closed to everyone else. <paramref name="adminConnectionString"/> is a superuser's (or a user
    /// with CREATEDB and CREATEROLE, on a server of the user's own).
    /// </summary>
    public static async Task EnsureAsync(string adminConnectionString, string database, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var name = Identifier(database);
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var roleExists = await ExistsAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = $1", database, cancellationToken);
            await ExecuteAsync(connection, $"{(roleExists ? "ALTER" : "CREATE")} ROLE {name} WITH LOGIN PASSWORD {Literal(ScramVerifier(password))}", cancellationToken);
            var databaseExists = await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", database, cancellationToken);
            await ExecuteAsync(connection, databaseExists ? $"ALTER DATABASE {name} OWNER TO {name}" : $"CREATE DATABASE {name} OWNER {name}", cancellationToken);
            await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {name} FROM PUBLIC", cancellationToken);
        }

        if (await OwnedByOthersAsync(adminConnectionString, database, cancellationToken) is { Count: > 0 } statements)
        {
            await using var inside = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString);
            await inside.OpenAsync(cancellationToken);
            foreach (var statement in statements)
            {
                await ExecuteAsync(inside, statement, cancellationToken);
            }
        }
    }

    /// <summary>Sets <paramref name="role"/>'s password.</summary>
    public static async Task SetPasswordAsync(string connectionString, string role, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"ALTER ROLE {Identifier(role)} WITH PASSWORD {Literal(ScramVerifier(password))}", cancellationToken);
    }

    /// <summary>
    /// The SCRAM-SHA-256 verifier PostgreSQL stores for <paramref name="password"/> (RFC 5802, 7677): sent instead of
    /// the password, so that no statement the server might log holds it. Our passwords are ASCII, which SASLprep
    /// leaves as they are.
    /// </summary>
    public static string ScramVerifier(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        const int iterations = 4096;
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    /// <summary>The statements that give the role the tables, sequences and views of the database's own schemas that
    /// another role created (a database made before each service had its role).</summary>
    private static async Task<List<string>> OwnedByOthersAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, n.nspname, c.relname, $1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'S', 'v') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
              AND pg_get_userbyid(c.relowner) <> $1
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
            """,
            connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        var statements = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = value } } };
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Names and passwords cannot be parameters of these statements; quoting them keeps any value safe.
    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
