using System.Globalization;
using Crm.Messaging;
using Crm.Testing;

namespace Crm.Benchmarks;

/// <summary>
/// <c>./build.sh bench events</c>: on one RabbitMQ and one PostgreSQL started for the run, the sustained rate of events
/// through outbox, relay, RabbitMQ and inbox consumer against a raw RabbitMQ.Client loop, then the lag from commit to
/// the consumer's commit at half the sustained rate.
/// </summary>
internal sealed class EventsBenchmark : IBenchmark
{
    private const int Events = 20_000;
    private const int RawMessages = 50_000;
    private const int WarmUp = 10_000;
    private const int StageEvents = 10_000;
    private const int Writers = 8;
    private static readonly TimeSpan LagRun = TimeSpan.FromSeconds(15);

    public string Name => "events";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var servers = new CrmTestServers();
        await servers.InitializeAsync();
        var defaults = new MessagingOptions();

        // Each side first runs unmeasured, so that both are measured on warm code: a service runs for days, and the
        // JIT's first recompilations (tiered, with profiling) would otherwise be a large share of a short run.
        var rawHost = (await servers.IsolateAsync("bench_events_raw")).MessagingConnectionString;
        await EventsRawBaseline.SustainedRateAsync(rawHost, WarmUp, defaults.Outbox.MaxConcurrentPublishes, (ushort)defaults.PrefetchCount, cancellationToken);
        var rawStart = CpuTime.Read(servers);
        var raw = await EventsRawBaseline.SustainedRateAsync(rawHost, RawMessages, defaults.Outbox.MaxConcurrentPublishes, (ushort)defaults.PrefetchCount, cancellationToken);
        var rawStage = new EventsStage("raw", RawMessages, TimeSpan.FromSeconds(RawMessages / raw), CpuTime.Read(servers) - rawStart);

        double crm;
        EventsStage sustained;
        List<double> lags;
        await using (var pipeline = await EventsPipeline.StartAsync(servers))
        {
            await pipeline.SustainedRateAsync(WarmUp, Writers, cancellationToken);
            var before = CpuTime.Read(servers);
            crm = await pipeline.SustainedRateAsync(Events, Writers, cancellationToken);
            sustained = new EventsStage("pipeline", Events, TimeSpan.FromSeconds(Events / crm), CpuTime.Read(servers) - before);
            lags = [.. (await pipeline.LagAsync(crm / 2, LagRun, Writers, cancellationToken)).Order()];
        }

        var p50 = Percentile(lags, 0.50);
        var p99 = Percentile(lags, 0.99);
        var ratio = crm / raw;
        var stages = await EventsStages.MeasureAsync(servers, StageEvents, Writers, cancellationToken);

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"events: crm {crm:0}/s, raw RabbitMQ.Client {raw:0}/s, ratio {ratio:0.00}, lag p50 {p50:0.0} ms p99 {p99:0.0} ms")
            + Environment.NewLine + Budget(raw, rawStage, sustained, stages);
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["crm_events_per_second"] = crm,
                ["raw_messages_per_second"] = raw,
                ["ratio"] = ratio,
                ["lag_p50_ms"] = p50,
                ["lag_p99_ms"] = p99,
                ["lag_max_ms"] = lags[^1],
                ["lag_rate_per_second"] = crm / 2,
                ["lag_samples"] = lags.Count,
            };
        foreach (var stage in (IEnumerable<EventsStage>)[rawStage, sustained, .. stages])
        {
            AddStage(figures, stage);
        }

        return new BenchmarkResult(
            Name,
            summary,
            figures,
            Settings(defaults));
    }

    /// <summary>
    /// What a ratio of 0.5 asks of the pipeline in CPU, beside what its parts cost: with every core busy, half the raw
    /// rate leaves this many microseconds of CPU per event for commands, relay, broker and consumer together.
    /// </summary>
    private static string Budget(double raw, EventsStage rawStage, EventsStage sustained, IReadOnlyList<EventsStage> stages)
    {
        var budget = Environment.ProcessorCount * 1e6 / (raw / 2);
        double Cpu(string name) => stages.Single(s => s.Name == name).MicrosecondsPerEvent.Total;
        return string.Create(CultureInfo.InvariantCulture,
            $"events budget: ratio 0.5 needs {raw / 2:0}/s, so at most {budget:0} us of CPU per event on {Environment.ProcessorCount} cores; " +
            $"CPU per event: raw loop {rawStage.MicrosecondsPerEvent.Total:0} us, pipeline {sustained.MicrosecondsPerEvent.Total:0} us, " +
            $"command alone {Cpu("write"):0} us (EF Core) and {Cpu("floor"):0} us (plain Npgsql, one round trip), relay {Cpu("relay"):0} us, consumer {Cpu("consume"):0} us");
    }

    private static Dictionary<string, string> Settings(MessagingOptions defaults) =>
        new(StringComparer.Ordinal)
        {
            ["crm_events"] = Events.ToString(CultureInfo.InvariantCulture),
            ["raw_messages"] = RawMessages.ToString(CultureInfo.InvariantCulture),
            ["writers"] = Writers.ToString(CultureInfo.InvariantCulture),
            ["command"] = "one deal and its OpportunityWon per transaction; consumer: inbox entry + order + tally per transaction",
            ["publishes_in_flight"] = defaults.Outbox.MaxConcurrentPublishes.ToString(CultureInfo.InvariantCulture),
            ["prefetch"] = defaults.PrefetchCount.ToString(CultureInfo.InvariantCulture),
            ["lag_run_seconds"] = LagRun.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["postgres"] = "local, fsync off (the test servers)",
            ["processors"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["warm_up"] = $"{WarmUp.ToString(CultureInfo.InvariantCulture)} unmeasured messages through the raw loop, then events through the pipeline, before each is measured",
            ["stage_events"] = StageEvents.ToString(CultureInfo.InvariantCulture),
            ["stages"] = "raw: the RabbitMQ.Client baseline; pipeline: the sustained run; write: commands with the relay off; relay: the filled outbox, no consumer; consume: the filled queue; floor: the same command as one plain Npgsql batch (one round trip, no EF Core). cpu_us: CPU microseconds per event of this process (dotnet), PostgreSQL and RabbitMQ",
        };

    private static void AddStage(Dictionary<string, double> figures, EventsStage stage)
    {
        var cpu = stage.MicrosecondsPerEvent;
        figures[$"stage_{stage.Name}_per_second"] = stage.PerSecond;
        figures[$"stage_{stage.Name}_cpu_us_dotnet"] = cpu.Dotnet;
        figures[$"stage_{stage.Name}_cpu_us_postgres"] = cpu.Postgres;
        figures[$"stage_{stage.Name}_cpu_us_rabbitmq"] = cpu.RabbitMq;
        figures[$"stage_{stage.Name}_cpu_us_total"] = cpu.Total;
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
