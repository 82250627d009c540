using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sylvan.Data.Csv;

namespace Crm.Benchmarks;

/// <summary>
/// The floor for an import: the same file read with the same CSV library and written with one bare
/// <c>COPY ... FROM STDIN (FORMAT binary)</c> into a table shaped like <c>leads</c> (its columns and defaults, no index,
/// no check, no event): what PostgreSQL and Npgsql can do with these rows and nothing else. With
/// <c>indexed</c>, the table has the leads table's indexes and checks too (<c>LIKE leads INCLUDING ALL</c>), and a row
/// whose e-mail or phone an earlier row had is skipped (the unique indexes would refuse it): what any import into
/// <c>leads</c> pays at the least.
/// </summary>
internal static class ImportRawBaseline
{
    private const string Columns = "(lead_id, status, source, company, contact, email_key, phone_key, captured_at, captured_by, updated_at, version)";

    /// <summary>Copies every row of <paramref name="file"/> (every new person's, when <paramref name="indexed"/>); returns
    /// the seconds it took and the rows copied.</summary>
    public static async Task<(double Seconds, long Rows)> CopyAsync(string connectionString, string file, bool indexed, CancellationToken cancellationToken)
    {
        var table = indexed ? "indexed_leads" : "raw_leads";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            indexed ? $"CREATE TABLE {table} (LIKE leads INCLUDING ALL)" : $"CREATE TABLE {table} (LIKE leads INCLUDING DEFAULTS INCLUDING IDENTITY)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long rows;
        using (var reader = new StreamReader(file))
        await using (var csv = await CsvDataReader.CreateAsync(reader, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken))
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table} {Columns} FROM STDIN (FORMAT binary)", cancellationToken))
        {
            var now = DateTime.UtcNow;
            while (await csv.ReadAsync(cancellationToken))
            {
                if (indexed && (!seen.Add("e" + csv.GetString(3).ToLowerInvariant()) | !seen.Add("p" + csv.GetString(4))))
                {
                    continue;
                }

                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync("New", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("PurchasedList", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(JsonSerializer.Serialize(new { name = csv.GetString(0), industry = csv.GetString(6), region = csv.GetString(7), country = csv.GetString(8) }), NpgsqlDbType.Jsonb, cancellationToken);
                await copy.WriteAsync(JsonSerializer.Serialize(new { firstName = csv.GetString(1), lastName = csv.GetString(2), email = csv.GetString(3), phone = csv.GetString(4), title = csv.GetString(5) }), NpgsqlDbType.Jsonb, cancellationToken);
                await copy.WriteAsync(csv.GetString(3).ToLowerInvariant(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(csv.GetString(4), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync("bench", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken);
            }

            rows = (long)await copy.CompleteAsync(cancellationToken);
        }

        return (clock.Elapsed.TotalSeconds, rows);
    }
}
