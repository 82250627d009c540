using System.Text.Json;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Crm.Messaging.Privacy;

/// <summary>
/// Replaces what an erasure took out of a service's records wherever else it appears in the service's database: the
/// bodies of events in the outbox (as the relay serialised them), a note that quotes an address. Every text and JSON
/// column of every table is looked at, as the erasure test looks at them.
/// </summary>
internal static class PersonalDataScrub
{
    // Shorter values are not distinctive enough to replace inside other text.
    private const int ShortestValue = 5;

    private const string TextColumns = """
        SELECT c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
        ORDER BY 1, 2
        """;

    /// <summary>Replaces <paramref name="erased"/>'s values by <paramref name="pseudonym"/> in the transaction of
    /// <paramref name="db"/>; returns the rows changed.</summary>
    public static async Task<int> ReplaceAsync(MessagingDbContext db, ErasedPerson erased, string pseudonym, CancellationToken cancellationToken)
    {
        var replacements = Replacements(erased, pseudonym);
        if (replacements.Count == 0)
        {
            return 0;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var read = new NpgsqlCommand(TextColumns, connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var changed = 0;
        foreach (var (table, column, type) in columns)
        {
            await using var update = new NpgsqlCommand(Update(table, column, type, replacements.Count), connection, transaction);
            foreach (var (from, to) in replacements)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = from });
                update.Parameters.Add(new NpgsqlParameter { Value = to });
            }

            changed += await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// Each value as it may be written: as is (a text column, a JSON column as PostgreSQL prints it) and as the event
    /// serialiser escapes it; names only as whole JSON strings. Longest first, so that a full name goes before its parts.
    /// </summary>
    internal static IReadOnlyList<(string From, string To)> Replacements(ErasedPerson erased, string pseudonym)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in erased.Values.Where(v => v.Length >= ShortestValue))
        {
            pairs.TryAdd(value, pseudonym);
            pairs.TryAdd(Escaped(value)[1..^1], pseudonym);
        }

        foreach (var name in erased.Names.Where(n => n.Length > 0))
        {
            pairs.TryAdd($"\"{name}\"", $"\"{pseudonym}\"");
            pairs.TryAdd(Escaped(name), $"\"{pseudonym}\"");
        }

        return [.. pairs.OrderByDescending(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];
    }

    private static string Escaped(string value) => JsonSerializer.Serialize(value, SystemTextJsonMessageSerializer.Options);

    private static string Update(string table, string column, string type, int count)
    {
        // A JSON column is changed as its text and read back: the replacements keep it valid JSON.
        var json = type is "jsonb" or "json";
        var target = json ? $"{Quote(column)}::text" : Quote(column);
        var replaced = target;
        var found = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            replaced = $"replace({replaced}, ${(2 * i) + 1}, ${(2 * i) + 2})";
            found.Add($"strpos({target}, ${(2 * i) + 1}) > 0");
        }

        var value = json ? $"({replaced})::{type}" : replaced;
        return $"UPDATE {Quote(table)} SET {Quote(column)} = {value} WHERE {string.Join(" OR ", found)}";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
