extern alias forecasts;
extern alias gateway;

using System.Diagnostics;
using Crm.Api;
using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Npgsql;
using forecasts::Crm.Forecasts;
using Wire = gateway::Crm.Forecasts.Grpc.V1;

namespace Crm.Benchmarks;

/// <summary>
/// The roll-up's part of <c>./build.sh bench forecast</c>: the forecasts service in this process, on a PostgreSQL started
/// for the run, over a million opportunities (<see cref="RollupRows"/>). A vice-president's roll-up of four quarters by
/// rep, stage and category through gRPC, against the bare SQL aggregate of the same rows by the same keys read with
/// Npgsql; the two are timed in turns, so that the machine's noise falls on both.
/// </summary>
internal static class RollupTiming
{
    public const int Opportunities = 1_000_000;
    private const int Samples = 40;

    private static readonly DateOnly First = RollupRows.From.AddMonths(12);
    private static readonly DateOnly Last = First.AddMonths(12).AddDays(-1);

    private const string BareAggregate = """
        SELECT owner_id, date_trunc('quarter', day)::date, stage, category, currency, count(*), sum(amount), sum(amount * probability / 100)
        FROM (SELECT owner_id, stage, category, currency, amount, probability,
                     CASE WHEN stage IN ('Won', 'Lost') THEN closed_on ELSE close_on END AS day
              FROM forecast_entries WHERE stage IS NOT NULL) e
        WHERE day BETWEEN $1 AND $2
        GROUP BY 1, 2, 3, 4, 5
        """;

    public static async Task<RollupFigures> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var servers = new CrmTestServers();
        await servers.InitializeAsync();
        var resources = await servers.IsolateAsync("bench_rollup");
        await using var service = await InProcessService.StartAsync(resources, CrmResources.Forecasts, b => b.AddForecastsService(), app => app.MapForecastsService());
        var clock = Stopwatch.StartNew();
        await RollupRows.CopyAsync(resources.DatabaseConnectionString, Opportunities, cancellationToken);
        var written = clock.Elapsed.TotalSeconds;

        using var channel = TestChannels.For(service.GrpcAddress);
        var api = new Wire.ForecastsService.ForecastsServiceClient(channel);
        await using var database = NpgsqlDataSource.Create(resources.DatabaseConnectionString);
        var request = new Wire.GetForecastRollupRequest
        {
            GroupBy = Wire.RollupGrouping.ByOwner,
            Period = Wire.PeriodKind.Quarter,
            From = DateConversions.ToDate(First),
            Periods = 4,
            CurrencyCode = "EUR",
        };
        var caller = TestCalls.As("vera", TimeSpan.FromMinutes(2), CrmRoles.SalesManager);

        var (rollup, bare) = (new List<double>(), new List<double>());
        for (var i = -2; i < Samples; i++)
        {
            clock.Restart();
            var answer = await api.GetForecastRollupAsync(request, caller.WithCancellationToken(cancellationToken));
            var rollupMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var bareDeals = await BareAsync(database, cancellationToken);
            var bareMs = clock.Elapsed.TotalMilliseconds;

            // Both count every deal of the four quarters, or the comparison says nothing.
            var deals = answer.Cells.Sum(c => c.Count) + answer.OtherCurrencyDeals;
            if (deals != bareDeals)
            {
                throw new InvalidOperationException($"the roll-up counts {deals} deals, the bare aggregate {bareDeals}");
            }

            if (i >= 0)
            {
                (rollup, bare) = ([.. rollup, rollupMs], [.. bare, bareMs]);
            }
        }

        return new RollupFigures(Percentile(rollup, 0.99), Percentile(bare, 0.99), Percentile(rollup, 0.5), Percentile(bare, 0.5), written, Samples);
    }

    /// <summary>The bare aggregate, every row read; returns how many deals it counted.</summary>
    private static async Task<long> BareAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(BareAggregate);
        command.Parameters.Add(new NpgsqlParameter { Value = First });
        command.Parameters.Add(new NpgsqlParameter { Value = Last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long deals = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = (reader.GetString(0), reader.GetDateTime(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetDecimal(6), reader.GetDecimal(7));
            deals += reader.GetInt64(5);
        }

        return deals;
    }

    private static double Percentile(List<double> samples, double share)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))];
    }
}
