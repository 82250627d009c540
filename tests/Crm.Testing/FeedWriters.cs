using Npgsql;

namespace Crm.Testing;

/// <summary>
/// Writes feed events straight into the orders outbox, as many commands committing at once would: several writers,
/// each committing transactions of a few events, so that transactions interleave and commit out of the order their
/// rows were numbered in. The rows are marked sent, so that the relay leaves them alone; each commit is followed by the
/// NOTIFY a replica sends after storing events, which wakes the feed's appender.
/// </summary>
public static class FeedWriters
{
    private const string InvoiceIssuedType = "Crm.Contracts.Orders.InvoiceIssued, Crm.Contracts";

    private const string Insert = """
        INSERT INTO outbox_messages (message_id, message_type, aggregate_id, aggregate_version, body, correlation_id, sent_at)
        SELECT id, $1, id, 1, '{"number":"' || id || '"}', id, now() FROM unnest($2::uuid[]) AS t(id)
        """;

    /// <summary>Writes <paramref name="count"/> events from <paramref name="writers"/> concurrent writers; returns their ids.</summary>
    public static async Task<IReadOnlyList<Guid>> WriteAsync(string connectionString, int count, CancellationToken cancellationToken, int writers = 8, int perTransaction = 37)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Parallel.ForEachAsync(
            ids.Chunk(perTransaction),
            new ParallelOptions { MaxDegreeOfParallelism = writers, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                // Half the rows first, then the rest: another writer's whole transaction can commit in between.
                foreach (var half in chunk.Chunk((chunk.Length + 1) / 2))
                {
                    await using var insert = new NpgsqlCommand(Insert, connection, transaction) { Parameters = { new() { Value = InvoiceIssuedType }, new() { Value = half } } };
                    await insert.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);

                // After the commit, as a replica whose relay is off wakes the others: the feed's appender listens.
                await using var notify = new NpgsqlCommand("NOTIFY crm_outbox", connection);
                await notify.ExecuteNonQueryAsync(token);
            });
        return ids;
    }

    /// <summary>How a writer's events read in the feed's data.</summary>
    public static Guid IdOf(string data)
    {
        using var json = System.Text.Json.JsonDocument.Parse(data);
        return Guid.Parse(json.RootElement.GetProperty("number").GetString()!);
    }
}
