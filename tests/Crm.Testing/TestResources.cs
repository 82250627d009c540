using System.Globalization;
using Npgsql;
using Xunit;

namespace Crm.Testing;

/// <summary>A test class's own slice of the shared servers: a database and a RabbitMQ virtual host of its own.</summary>
/// <param name="Name">The database and virtual host name.</param>
/// <param name="DatabaseConnectionString">Connects to its database.</param>
/// <param name="MessagingConnectionString">An AMQP URI to its virtual host.</param>
public sealed record TestResources(string Name, string DatabaseConnectionString, string MessagingConnectionString)
{
    /// <summary>One value from the database (<c>$1</c>, <c>$2</c>... for <paramref name="parameters"/>); null when none.</summary>
    public async Task<object?> QueryAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>One number from the database; 0 when none.</summary>
    public async Task<long> ScalarAsync(string sql, params object[] parameters) =>
        await QueryAsync(sql, parameters) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
