using System.Diagnostics.Metrics;
using Crm.Grpc.Client;
using Crm.Grpc.Health.V1;
using Crm.Grpc.Tests.Client;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.Interop;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using ServingStatus = Crm.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Crm.Grpc.Tests.Standard;

/// <summary>grpc.health.v1 and grpc.reflection.v1, and the call metrics. Only this class switches readiness, and
/// a class's tests run one at a time.</summary>
public sealed class StandardServicesTests(EchoServer server) : IDisposable
{
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check =
        GrpcMethod.For<HealthCheckRequest, HealthCheckResponse>(HealthReflection.Descriptor.Services[0], "Check");

    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch =
        GrpcMethod.For<HealthCheckRequest, HealthCheckResponse>(HealthReflection.Descriptor.Services[0], "Watch");

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server.Http2Address);

    [Fact]
    public async Task Health_Check_follows_the_readiness_checks()
    {
        Assert.Equal(ServingStatus.Serving, (await _channel.UnaryAsync(Check, new HealthCheckRequest(), Options())).Status);
        Assert.Equal(ServingStatus.Serving, (await _channel.UnaryAsync(Check, new HealthCheckRequest { Service = "crm.testing.v1.EchoService" }, Options())).Status);

        server.Readiness.Ready = false;
        try
        {
            Assert.Equal(ServingStatus.NotServing, (await _channel.UnaryAsync(Check, new HealthCheckRequest(), Options())).Status);
        }
        finally
        {
            server.Readiness.Ready = true;
        }
    }

    [Fact]
    public async Task Health_Check_of_a_service_not_served_here_is_NOT_FOUND()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Check, new HealthCheckRequest { Service = "crm.nothing.v1.Nowhere" }, Options()));
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task Health_Watch_sends_the_status_then_each_change()
    {
        var seen = new List<ServingStatus>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            await foreach (var update in _channel.ServerStreamingAsync(Watch, new HealthCheckRequest(), Options() with { Timeout = TimeSpan.FromSeconds(30) }, stop.Token))
            {
                seen.Add(update.Status);
                server.Readiness.Ready = seen.Count != 1;
                if (seen.Count == 3)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            // We ended the watch ourselves.
        }
        finally
        {
            server.Readiness.Ready = true;
        }

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.Serving], seen);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_lists_the_services_and_hands_out_the_file_of_a_symbol(string version)
    {
        var protoRoot = Path.Combine(RepositoryLayout.Find().Root, "protos");
        var results = await InteropTools.RunClientAsync("node", "reflection-client.mjs", server.Http2Address.Authority, protoRoot, "crm.testing.v1.EchoService.Echo", version);

        var services = results.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("crm.testing.v1.EchoService", services, StringComparer.Ordinal);
        Assert.Contains("grpc.health.v1.Health", services, StringComparer.Ordinal);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services, StringComparer.Ordinal);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services, StringComparer.Ordinal);
        var declares = results.GetProperty("declares").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("crm.testing.v1.EchoService", declares, StringComparer.Ordinal);
        Assert.Contains("crm.testing.v1.EchoRequest", declares, StringComparer.Ordinal);
        Assert.Equal((int)StatusCode.NotFound, results.GetProperty("missingError").GetInt32());
    }

    [Fact]
    public async Task Every_call_is_counted_and_timed_by_method_and_status()
    {
        var recorded = new List<(string Instrument, string? Method, int? Status)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Crm.Grpc" && instrument.Name.StartsWith("rpc.server", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        listener.Start();

        await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest(), Options());
        await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Fail, new FailRequest { Code = 5, Message = "x" }, Options()));

        lock (recorded)
        {
            Assert.Contains(("rpc.server.calls", "Echo", 0), recorded);
            Assert.Contains(("rpc.server.call.duration", "Echo", 0), recorded);
            Assert.Contains(("rpc.server.calls", "Fail", 5), recorded);
        }

        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? method = null;
            int? status = null;
            foreach (var tag in tags)
            {
                method = tag.Key == "rpc.method" ? tag.Value as string : method;
                status = tag.Key == "rpc.grpc.status_code" ? tag.Value as int? : status;
            }

            lock (recorded)
            {
                recorded.Add((instrument.Name, method, status));
            }
        }
    }

    public void Dispose() => _channel.Dispose();

    private static CallOptions Options() => new() { CancellationToken = TestContext.Current.CancellationToken, Timeout = TimeSpan.FromSeconds(20) };
}
