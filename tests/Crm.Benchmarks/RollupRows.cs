using Npgsql;
using NpgsqlTypes;

namespace Crm.Benchmarks;

/// <summary>
/// A million forecast entries written straight into the forecasts service's table with a binary COPY, as its consumers
/// would have left them: 200 reps in 20 teams, deals due over two years in every stage and category, one in twenty in
/// dollars. Seeded, so that every run rolls up the same rows.
/// </summary>
internal static class RollupRows
{
    public static readonly DateOnly From = new(2024, 10, 1);

    private static readonly (string Stage, int Probability)[] Stages =
        [("Qualification", 10), ("Proposal", 25), ("Negotiation", 50), ("HandlingObjections", 60), ("Closing", 80), ("Won", 100), ("Lost", 0)];

    private static readonly string?[] OpenCategories = [null, "Pipeline", "BestCase", "Commit", "Omitted"];

    public static async Task CopyAsync(string connectionString, int rows, CancellationToken cancellationToken)
    {
        var random = new Random(20261202);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY forecast_entries (opportunity_id, customer_id, owner_id, sales_team, stage, category, probability, amount, currency, close_on, closed_on, version) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < rows; i++)
            {
                var rep = random.Next(200);
                var (stage, probability) = Stages[random.Next(Stages.Length)];
                var category = stage switch { "Won" => "Closed", "Lost" => "Omitted", _ => OpenCategories[random.Next(OpenCategories.Length)] };
                var closeOn = From.AddDays(random.Next(730));
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync($"rep-{rep:000}", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync($"team-{rep / 10:00}", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(stage, NpgsqlDbType.Text, cancellationToken);
                await (category is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(category, NpgsqlDbType.Text, cancellationToken));
                await copy.WriteAsync(probability, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(random.Next(100_000, 10_000_000) / 100m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(random.Next(20) == 0 ? "USD" : "EUR", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(closeOn, NpgsqlDbType.Date, cancellationToken);
                if (stage is "Won" or "Lost")
                {
                    await copy.WriteAsync(closeOn.AddDays(random.Next(-30, 45)), NpgsqlDbType.Date, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(2L, NpgsqlDbType.Bigint, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE forecast_entries", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
