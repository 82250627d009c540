extern alias gateway;

using System.Globalization;
using Crm.Benchmarks.Grpc.V1;
using gateway::Crm.Gateway;
using gateway::Crm.Gateway.Features.Forwarding;
using Crm.Grpc.Hosting;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Benchmarks.Grpc;

/// <summary>
/// <c>./build.sh bench grpc</c>: h2load drives one unary call on a service as the platform runs it (grpc-dotnet with
/// <c>AddGrpcServer</c>), the same call through the gateway (YARP) in front of that service, and the same call through
/// nginx's <c>grpc_pass</c> in front of the same service, one after another with the same settings, in two rounds
/// (best of each kept: the machine is noisy). Every path must answer a real gRPC call with the echoed message first,
/// and the service's own count of answers must cover every request h2load saw succeed.
/// </summary>
public sealed class GrpcBenchmark : IBenchmark
{
    private const int Rounds = 2;
    private const string EchoPath = "/crm.bench.v1.BenchService/Echo";
    private static readonly BenchRequest Request = new() { Text = "Acme Corporation, 3 licences", Number = 4242 };

    public string Name => "grpc";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("CRM_BENCH_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;
        var settings = new H2LoadSettings(Connections: 4, Streams: 32, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(2));
        var body = Path.Combine(Path.GetTempPath(), $"crm-bench-{Environment.ProcessId}.bin");
        var latencies = Path.Combine(Path.GetTempPath(), $"crm-bench-{Environment.ProcessId}.log");
        await File.WriteAllBytesAsync(body, Frame(Request), cancellationToken);
        var best = new Dictionary<string, double>(StringComparer.Ordinal) { ["direct"] = 0, ["gateway"] = 0, ["nginx"] = 0 };
        var gatewayP99 = double.MaxValue;
        try
        {
            await using var service = await BenchHost.StartAsync(b => b.AddGrpcServer(), app =>
            {
                app.MapGrpcService<BenchApi>();
                app.MapGrpcStandardServices();
            });
            await using var gateway = await BenchHost.StartAsync(b => AddGateway(b, service.Address), app => app.MapGateway());
            await using var nginx = await NginxGrpcProxy.StartAsync(service.Address, cancellationToken);
            foreach (var address in new[] { service.Address, gateway.Address, nginx.Address })
            {
                await PreflightAsync(address, cancellationToken);
            }

            for (var round = 1; round <= Rounds; round++)
            {
                best["direct"] = Math.Max(best["direct"], await MeasureAsync(service.Address, body, settings, null, cancellationToken));
                best["gateway"] = Math.Max(best["gateway"], await MeasureAsync(gateway.Address, body, settings, latencies, cancellationToken));
                gatewayP99 = Math.Min(gatewayP99, H2Load.Percentile(latencies, 0.99, settings.WarmUp));
                best["nginx"] = Math.Max(best["nginx"], await MeasureAsync(nginx.Address, body, settings, null, cancellationToken));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}: direct {best["direct"]:F0}, gateway {best["gateway"]:F0}, nginx {best["nginx"]:F0} (best so far, rps)"));
            }
        }
        finally
        {
            File.Delete(body);
            File.Delete(latencies);
        }

        var gatewayOverNginx = best["gateway"] / best["nginx"];
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"grpc: direct {best["direct"]:F0} rps, gateway {best["gateway"]:F0} rps, nginx {best["nginx"]:F0} rps, gateway/nginx {gatewayOverNginx:F2}, gateway p99 {gatewayP99:F1} ms");
        return new BenchmarkResult(
            Name,
            summary,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["direct_rps"] = best["direct"], ["gateway_rps"] = best["gateway"], ["nginx_rps"] = best["nginx"],
                ["gateway_over_nginx"] = gatewayOverNginx, ["gateway_p99_ms"] = gatewayP99,
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["tool"] = "h2load -t 1", ["connections"] = settings.Connections.ToString(CultureInfo.InvariantCulture),
                ["streams_per_connection"] = settings.Streams.ToString(CultureInfo.InvariantCulture),
                ["duration_s"] = seconds.ToString(CultureInfo.InvariantCulture), ["warm_up_s"] = "2", ["rounds"] = Rounds.ToString(CultureInfo.InvariantCulture),
                ["request_bytes"] = (Request.CalculateSize() + 5).ToString(CultureInfo.InvariantCulture), ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                ["nginx"] = "Debian's nginx, grpc_pass, worker_processes auto, upstream keepalive 256",
            });
    }

    /// <summary>The gateway as the platform runs it, with one more route: the benchmark's API, owned by the service.</summary>
    private static void AddGateway(WebApplicationBuilder builder, Uri service)
    {
        var owner = new CrmService("bench", null);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [owner.GrpcEndpointKey] = service.ToString().TrimEnd('/'),
        });
        builder.AddGateway();
        builder.Services.Configure<ForwardingOptions>(o => o.Routes.Add(new ServiceRoute(BenchReflection.Descriptor.Services[0], owner)));
    }

    private static async Task<double> MeasureAsync(Uri address, string body, H2LoadSettings settings, string? latencies, CancellationToken cancellationToken)
    {
        var before = BenchApi.Answered;
        var result = await H2Load.RunAsync(new Uri(address, EchoPath), body, settings, cancellationToken, latencies);
        var answered = BenchApi.Answered - before;
        if (answered < result.Succeeded || result.Failed > 0 || result.Status2xx < result.Succeeded * 0.999)
        {
            throw new InvalidOperationException(
                $"{address}: the service answered {answered} calls, h2load saw {result.Succeeded} succeed, {result.Failed} fail and {result.Status2xx} answer 2xx");
        }

        return result.RequestsPerSecond;
    }

    /// <summary>A real gRPC client must get the echoed message before the load starts.</summary>
    private static async Task PreflightAsync(Uri address, CancellationToken cancellationToken)
    {
        using var channel = Crm.Testing.TestChannels.For(address);
        var reply = await new BenchService.BenchServiceClient(channel).EchoAsync(Request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        if (reply.Text != Request.Text || reply.Number != Request.Number)
        {
            throw new InvalidOperationException($"{address} answered {reply}");
        }
    }

    private static byte[] Frame(BenchRequest message)
    {
        // One uncompressed gRPC message: a flag byte, the length (big-endian), the bytes; h2load sends it as the body.
        var frame = new byte[5 + message.CalculateSize()];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), frame.Length - 5);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }
}
