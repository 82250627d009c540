using System.Collections.Concurrent;
using System.Globalization;
using Crm.Benchmarks.Grpc.V1;
using Crm.Grpc.Hosting;
using Grpc.Net.Client;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Benchmarks.Grpc;

/// <summary>
/// <c>./build.sh bench grpc</c>: h2load drives a unary echo on grpc-dotnet (as the services run it), on a @grpc/grpc-js server, and on a bare
/// Kestrel HTTP/2 endpoint that returns the same bytes with no gRPC work, one after another with the same settings,
/// in two rounds (best of each kept, since the machine is noisy). Every server's answer is checked for grpc-status 0
/// before the load; the handler's own count of answers must cover every request h2load saw succeed.
/// </summary>
public sealed class GrpcBenchmark : IBenchmark
{
    private const int Rounds = 2;
    private static readonly BenchRequest Request = new() { Text = "Acme Corporation, 3 licences", Number = 4242 };
    private const string EchoPath = "/crm.bench.v1.BenchService/Echo";

    public string Name => "grpc";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("CRM_BENCH_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;
        var settings = new H2LoadSettings(Connections: 4, Streams: 32, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(2));
        var body = Path.Combine(Path.GetTempPath(), $"crm-bench-{Environment.ProcessId}.bin");
        await File.WriteAllBytesAsync(body, Frame(Request), cancellationToken);
        var best = new Dictionary<string, double>(StringComparer.Ordinal) { ["crm"] = 0, ["grpc-js"] = 0, ["bare"] = 0 };
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                best["crm"] = Math.Max(best["crm"], await MeasureCrmAsync(body, settings, cancellationToken));
                best["grpc-js"] = Math.Max(best["grpc-js"], await MeasureGrpcJsAsync(body, settings, cancellationToken));
                best["bare"] = Math.Max(best["bare"], await MeasureBareAsync(body, settings, cancellationToken));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: crm {best["crm"]:F0}, grpc-js {best["grpc-js"]:F0}, bare {best["bare"]:F0} (best so far, rps)"));
            }
        }
        finally
        {
            File.Delete(body);
        }

        var versusGrpcJs = best["crm"] / best["grpc-js"];
        var versusBare = best["crm"] / best["bare"];
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"grpc unary: crm {best["crm"]:F0} rps, grpc-js {best["grpc-js"]:F0} rps, bare kestrel {best["bare"]:F0} rps, crm/grpc-js {versusGrpcJs:F2}, crm/bare {versusBare:F2}");
        return new BenchmarkResult(
            Name,
            summary,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["crm_rps"] = best["crm"], ["grpc_js_rps"] = best["grpc-js"], ["bare_kestrel_rps"] = best["bare"],
                ["crm_over_grpc_js"] = versusGrpcJs, ["crm_over_bare"] = versusBare,
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["tool"] = "h2load -t 1", ["connections"] = settings.Connections.ToString(CultureInfo.InvariantCulture),
                ["streams_per_connection"] = settings.Streams.ToString(CultureInfo.InvariantCulture),
                ["duration_s"] = seconds.ToString(CultureInfo.InvariantCulture), ["warm_up_s"] = "2", ["rounds"] = Rounds.ToString(CultureInfo.InvariantCulture),
                ["request_bytes"] = (Request.CalculateSize() + 5).ToString(CultureInfo.InvariantCulture), ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            });
    }

    private static async Task<double> MeasureCrmAsync(string body, H2LoadSettings settings, CancellationToken cancellationToken)
    {
        await using var host = await BenchHost.StartAsync(b => b.AddGrpcServer(), app => app.MapGrpcService<BenchApi>());
        await PreflightAsync(host.Address, cancellationToken);
        var before = BenchApi.Answered;
        var result = await H2Load.RunAsync(new Uri(host.Address, EchoPath), body, settings, cancellationToken);
        var answeredOk = BenchApi.Answered - before;
        if (answeredOk < result.Succeeded || result.Failed > 0)
        {
            throw new InvalidOperationException($"crm answered {answeredOk} calls with grpc-status 0, h2load saw {result.Succeeded} succeed and {result.Failed} fail");
        }

        return result.RequestsPerSecond;
    }

    private static async Task<double> MeasureGrpcJsAsync(string body, H2LoadSettings settings, CancellationToken cancellationToken)
    {
        var root = RepositoryLayout.Find().Root;
        var lines = new ConcurrentQueue<string>();
        await using var server = ChildProcess.Start(
            new ChildProcessSpec("grpc-js", "node", ["bench-echo-server.mjs", Path.Combine(root, "tests", "Crm.Benchmarks", "Grpc", "Protos", "bench.proto")], WorkingDirectory: Path.Combine(root, "tests", "interop")),
            lines.Enqueue);
        if (!await Poll.UntilAsync(() => server.HasExited || lines.Any(l => l.StartsWith("LISTENING ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), cancellationToken) || server.HasExited)
        {
            throw new InvalidOperationException("the grpc-js server did not start (run ./build.sh bench, which installs tests/interop):\n" + string.Join('\n', lines));
        }

        var port = lines.First(l => l.StartsWith("LISTENING ", StringComparison.Ordinal))["LISTENING ".Length..];
        var address = new Uri($"http://127.0.0.1:{port}");
        await PreflightAsync(address, cancellationToken);
        var result = await H2Load.RunAsync(new Uri(address, EchoPath), body, settings, cancellationToken);
        await server.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(10));
        return Checked("grpc-js", result);
    }

    private static async Task<double> MeasureBareAsync(string body, H2LoadSettings settings, CancellationToken cancellationToken)
    {
        var reply = Frame(new BenchReply { Text = Request.Text, Number = Request.Number });
        await using var host = await BenchHost.StartAsync(_ => { }, app => app.MapPost(EchoPath, async (HttpContext http) =>
        {
            // The same bytes a gRPC server sends, with no gRPC work: no frame parsed, no message built.
            http.Response.ContentType = "application/grpc";
            await http.Response.Body.WriteAsync(reply, http.RequestAborted);
            http.Features.Get<IHttpResponseTrailersFeature>()!.Trailers["grpc-status"] = "0";
        }));
        await PreflightAsync(host.Address, cancellationToken);
        return Checked("bare kestrel", await H2Load.RunAsync(new Uri(host.Address, EchoPath), body, settings, cancellationToken));
    }

    /// <summary>A real gRPC client must get grpc-status 0 and the echoed message before the load starts.</summary>
    private static async Task PreflightAsync(Uri address, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var reply = await new BenchService.BenchServiceClient(channel).EchoAsync(Request, cancellationToken: cancellationToken);
        if (reply.Text != Request.Text || reply.Number != Request.Number)
        {
            throw new InvalidOperationException($"{address} answered {reply}");
        }
    }

    // h2load counts requests and status codes a little apart around the warm-up boundary: allow 0.1% of slack.
    private static double Checked(string server, H2LoadResult result) =>
        result.Failed > 0 || result.Status2xx < result.Succeeded * 0.999
            ? throw new InvalidOperationException($"{server}: h2load saw {result.Succeeded} succeed, {result.Failed} fail and {result.Status2xx} answer 2xx")
            : result.RequestsPerSecond;

    private static byte[] Frame(IMessage message)
    {
        // One uncompressed gRPC message: a flag byte, the length (big-endian), the bytes; h2load sends it as the body.
        var frame = new byte[5 + message.CalculateSize()];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), frame.Length - 5);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }
}
