using Npgsql;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// A PostgreSQL session-level advisory lock on one connection, released when disposed: replicas that start together
/// take turns at work that must happen once (migrations, registering the identity service's clients). The key is any
/// fixed number, the same in every replica.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Waits until this connection holds <paramref name="key"/>.</summary>
    public static async Task<AdvisoryLock> TakeAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({key})", cancellationToken);
        return new AdvisoryLock(connection, key);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_connection, $"SELECT pg_advisory_unlock({_key})", CancellationToken.None);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
