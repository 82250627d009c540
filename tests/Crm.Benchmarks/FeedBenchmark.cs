extern alias orders;

using System.Diagnostics;
using System.Globalization;
using Crm.Feed.Grpc.V1;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Npgsql;
using orders::Crm.Orders;

namespace Crm.Benchmarks;

/// <summary>
/// <c>./build.sh bench feed</c>: the orders service in this process on a PostgreSQL started for the run. A million
/// events written by eight concurrent writers are appended; a subscriber from position 0 then catches up on them
/// through gRPC (against a bare read of the same rows with Npgsql); then, caught up, it receives events written at a
/// steady rate, and the lag from each writer's commit to its arrival is measured.
/// </summary>
internal sealed class FeedBenchmark : IBenchmark
{
    private const int CatchUpEvents = 1_000_000;
    private const int LiveRate = 2_000;
    private static readonly TimeSpan LiveRun = TimeSpan.FromSeconds(15);

    public string Name => "feed";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var servers = new CrmTestServers();
        await servers.InitializeAsync();
        var resources = await servers.IsolateAsync("bench_feed");
        await using var service = await InProcessService.StartAsync(
            resources, CrmResources.Orders, b => b.AddOrdersService(), app => app.MapOrdersService(),
            ["--Feed:AppendInterval=00:00:00.050", "--Orders:OverdueCheckInterval=01:00:00"]);
        using var channel = TestChannels.For(service.GrpcAddress);
        var feed = new AccountingFeedService.AccountingFeedServiceClient(channel);

        var appendClock = Stopwatch.StartNew();
        await FeedWriters.WriteAsync(resources.DatabaseConnectionString, CatchUpEvents, cancellationToken, 8, 200);
        await using var database = NpgsqlDataSource.Create(resources.DatabaseConnectionString);
        if (!await Poll.UntilAsync(async ct => await HeadAsync(database, ct) >= CatchUpEvents, TimeSpan.FromMinutes(10), cancellationToken))
        {
            throw new TimeoutException($"the appender did not number {CatchUpEvents} events within 10 minutes");
        }

        var appendSeconds = appendClock.Elapsed.TotalSeconds;
        var bare = await BareReadAsync(database, cancellationToken);
        var catchUp = await CatchUpAsync(feed, cancellationToken);
        var lags = (await LiveLagAsync(feed, resources.DatabaseConnectionString, cancellationToken)).Order().ToList();
        var rate = CatchUpEvents / catchUp;
        var p50 = lags[(int)(lags.Count * 0.50)];
        var p99 = lags[Math.Min(lags.Count - 1, (int)(lags.Count * 0.99))];

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"feed: {rate:0} events/s to one subscriber, catch-up of 1M events in {catchUp:0.0} s, lag p99 {p99:0.0} ms")
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"  bare Npgsql read of the same rows {bare:0.0} s (ratio {bare / catchUp:0.00}); written and appended in {appendSeconds:0.0} s; lag p50 {p50:0.0} ms at {LiveRate}/s");
        return new BenchmarkResult(
            Name,
            summary,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["events_per_second"] = rate,
                ["catch_up_seconds"] = catchUp,
                ["bare_read_seconds"] = bare,
                ["ratio_bare_to_feed"] = bare / catchUp,
                ["write_and_append_seconds"] = appendSeconds,
                ["lag_p50_ms"] = p50,
                ["lag_p99_ms"] = p99,
                ["lag_samples"] = lags.Count,
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["events"] = CatchUpEvents.ToString(CultureInfo.InvariantCulture),
                ["writers"] = "8 (200 events a transaction)",
                ["live_rate_per_second"] = LiveRate.ToString(CultureInfo.InvariantCulture),
                ["live_run_seconds"] = LiveRun.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                ["append_interval"] = "50 ms (woken by the outbox's NOTIFY)",
            });
    }

    private static async Task<long> HeadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT head FROM feed_state WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The baseline: every row of the feed read in position order, bare.</summary>
    private static async Task<double> BareReadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var command = database.CreateCommand("SELECT position, event_id, type, subject, occurred_at, data FROM feed_events ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetDateTime(4), reader.GetString(5));
            rows++;
        }

        return rows == CatchUpEvents ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"read {rows} rows, not {CatchUpEvents}");
    }

    private static async Task<double> CatchUpAsync(AccountingFeedService.AccountingFeedServiceClient feed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var subscription = feed.Subscribe(new SubscribeRequest { AfterPosition = 0 }, TestCalls.As("bench", TimeSpan.FromMinutes(10), "accounting"));
        long last = 0;
        while (last < CatchUpEvents && await subscription.ResponseStream.MoveNext(cancellationToken))
        {
            last = subscription.ResponseStream.Current.Position == last + 1
                ? subscription.ResponseStream.Current.Position
                : throw new InvalidOperationException($"position {subscription.ResponseStream.Current.Position} after {last}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Caught up at the head, a subscriber receives events written at <see cref="LiveRate"/> a second; each
    /// event's lag is from its writer's transaction (its <c>time</c>) to its arrival.</summary>
    private static async Task<IReadOnlyCollection<double>> LiveLagAsync(AccountingFeedService.AccountingFeedServiceClient feed, string connectionString, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var subscription = feed.Subscribe(new SubscribeRequest { Latest = true }, TestCalls.As("bench", LiveRun + TimeSpan.FromMinutes(1), "accounting"));
        var lags = new System.Collections.Concurrent.ConcurrentQueue<double>();
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await subscription.ResponseStream.MoveNext(stop.Token))
                {
                    lags.Enqueue((DateTimeOffset.UtcNow - subscription.ResponseStream.Current.Time.ToDateTimeOffset()).TotalMilliseconds);
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
            {
                // The run is over.
            }
        }, CancellationToken.None);

        var run = Stopwatch.StartNew();
        var written = 0;
        while (run.Elapsed < LiveRun)
        {
            // Ten small batches a second from two writers, as commands would commit them.
            await FeedWriters.WriteAsync(connectionString, LiveRate / 10, cancellationToken, 2, 20);
            written += LiveRate / 10;
            var due = TimeSpan.FromSeconds(written / (double)LiveRate) - run.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
        }

        await Poll.UntilAsync(() => lags.Count >= written, TimeSpan.FromSeconds(30), cancellationToken);

        await stop.CancelAsync();
        await reading;
        return lags;
    }
}
