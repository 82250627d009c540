using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Sylvan.Data.Csv;

namespace Crm.Benchmarks;

/// <summary>
/// The floor for an import: the same file read with the same CSV library and written with one bare
/// <c>COPY ... FROM STDIN (FORMAT binary)</c> into a table shaped like <c>leads</c> (its columns and defaults, no index,
/// no check, no event): what PostgreSQL and Npgsql can do with these rows and nothing else.
/// </summary>
internal static class ImportRawBaseline
{
    private const string Copy = """
        COPY raw_leads (lead_id, status, source, company, contact, email_key, phone_key, captured_at, captured_by, updated_at, version)
        FROM STDIN (FORMAT binary)
        """;

    /// <summary>Copies every row of <paramref name="file"/>; returns the seconds it took.</summary>
    public static async Task<double> CopyAsync(string connectionString, string file, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TABLE raw_leads (LIKE leads INCLUDING DEFAULTS INCLUDING IDENTITY)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        using (var reader = new StreamReader(file))
        await using (var csv = await CsvDataReader.CreateAsync(reader, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken))
        await using (var copy = await connection.BeginBinaryImportAsync(Copy, cancellationToken))
        {
            var now = DateTime.UtcNow;
            while (await csv.ReadAsync(cancellationToken))
            {
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

            await copy.CompleteAsync(cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }
}
