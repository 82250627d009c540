extern alias forecasts;
extern alias gateway;

using System.Diagnostics;
using Crm.Grpc.Security;
using Crm.SalesHistory;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Npgsql;
using forecasts::Crm.Forecasts;
using forecasts::Crm.Forecasts.Domain;
using forecasts::Crm.Forecasts.Domain.Flow;
using Wire = gateway::Crm.Forecasts.Grpc.V1;

namespace Crm.Benchmarks;

/// <summary>
/// The flow forecast's part of <c>./build.sh bench forecast</c>: a generated history of 200,000 opportunities written
/// into the forecasts service's tables as its consumers would have left them (every step, every read-model row), the
/// service's clock on the day after the history ends; a vice-president's flow forecast of two quarters through gRPC,
/// the day's first (which learns the model from every step) and then 20 more (which use the day's model).
/// </summary>
internal static class FlowTiming
{
    private const int LaterCalls = 20;

    public static async Task<FlowFigures> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var servers = new CrmTestServers();
        await servers.InitializeAsync();
        var resources = await servers.IsolateAsync("bench_flow");
        await using var service = await InProcessService.StartAsync(resources, CrmResources.Forecasts, b => b.AddForecastsService(), app => app.MapForecastsService());
        var settings = new SalesHistorySettings(Teams: 20, RepsPerTeam: 10, Opportunities: 200_000, From: new DateOnly(2024, 10, 1), To: new DateOnly(2026, 9, 30), Seed: 1);
        var events = SalesHistoryGenerator.Deals(settings).SelectMany(d => d.Events).ToList();
        await CopyAsync(resources.DatabaseConnectionString, events, cancellationToken);
        service.Clock.Advance(TimeSpan.FromDays(settings.To.AddDays(1).DayNumber - service.Clock.Today.DayNumber));

        using var channel = TestChannels.For(service.GrpcAddress);
        var api = new Wire.ForecastsService.ForecastsServiceClient(channel);
        var request = new Wire.GetFlowForecastRequest { Period = Wire.PeriodKind.Quarter, Periods = 2, CurrencyCode = "EUR" };
        var caller = TestCalls.As("vera", TimeSpan.FromMinutes(5), CrmRoles.SalesManager).WithCancellationToken(cancellationToken);
        var clock = Stopwatch.StartNew();
        var first = await api.GetFlowForecastAsync(request, caller);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        var later = new List<double>();
        for (var i = 0; i < LaterCalls; i++)
        {
            clock.Restart();
            await api.GetFlowForecastAsync(request, caller);
            later.Add(clock.Elapsed.TotalMilliseconds);
        }

        later.Sort();
        return new FlowFigures(firstSeconds, later[LaterCalls / 2], later[^1], first.Owners.Count, events.Count);
    }

    /// <summary>Each event's step, and each deal's read-model row after all its events, written by binary COPY.</summary>
    private static async Task CopyAsync(string connectionString, List<Crm.Contracts.IIntegrationEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var entries = new Dictionary<Guid, ForecastEntry>();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY deal_steps (opportunity_id, version, \"on\", owner_id, sales_team, stage, probability, amount, currency, close_on, closed_on, category) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var e in events)
            {
                var facts = ForecastFacts.Of(e)!;
                if (!entries.TryGetValue(e.AggregateId, out var entry))
                {
                    entries[e.AggregateId] = entry = new ForecastEntry { OpportunityId = e.AggregateId };
                }

                entry.Apply(e.Version, facts);
                var s = DealStep.Of(e.AggregateId, e.Version, e.OccurredAt, facts);
                await copy.WriteRowAsync(
                    cancellationToken, s.OpportunityId, s.Version, s.On, s.OwnerId, s.SalesTeam, s.Stage?.ToString(), s.Probability, s.Amount, s.Currency, s.CloseOn, s.ClosedOn, s.Category?.ToString());
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY forecast_entries (opportunity_id, customer_id, owner_id, sales_team, stage, category, probability, amount, currency, close_on, closed_on, version) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var x in entries.Values)
            {
                await copy.WriteRowAsync(
                    cancellationToken, x.OpportunityId, x.CustomerId, x.OwnerId, x.SalesTeam, x.Stage?.ToString(), x.Category?.ToString(), x.Probability, x.Amount, x.Currency, x.CloseOn, x.ClosedOn, x.Version);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        foreach (var table in (string[])["deal_steps", "forecast_entries"])
        {
            await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
