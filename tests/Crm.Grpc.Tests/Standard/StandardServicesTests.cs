using Crm.Testing;
using Crm.Grpc.Tests.EchoService;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using ReflectionV1 = Grpc.Reflection.V1;
using ReflectionV1Alpha = Grpc.Reflection.V1Alpha;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Crm.Grpc.Tests.Standard;

/// <summary>grpc.health.v1 and grpc.reflection (v1 and v1alpha) as MapGrpcStandardServices serves them. Only this
/// class switches readiness, and a class's tests run one at a time.</summary>
public sealed class StandardServicesTests(EchoServer server) : IDisposable
{
    private const string Symbol = "crm.testing.v1.EchoService.Echo";
    private const string MissingSymbol = "crm.nothing.v1.Nowhere";
    private readonly GrpcChannel _channel = TestChannels.For(server.Http2Address);

    [Fact]
    public async Task Health_Check_follows_the_readiness_checks()
    {
        var health = new HealthClient(_channel);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), Options())).Status);

        server.Readiness.Ready = false;
        try
        {
            // Check runs the readiness checks on each call: no wait for the publisher.
            Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), Options())).Status);
        }
        finally
        {
            server.Readiness.Ready = true;
        }

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), Options())).Status);
    }

    // AddGrpcServer maps only the whole server (""), so a service served here has no health of its own either.
    [Theory]
    [InlineData("crm.nothing.v1.Nowhere")]
    [InlineData("crm.testing.v1.EchoService")]
    public async Task Health_Check_of_a_service_not_mapped_is_NOT_FOUND(string service)
    {
        var health = new HealthClient(_channel);
        var failure = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = service }, Options()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task Health_Watch_sends_the_status_then_each_change()
    {
        var seen = new List<ServingStatus>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // Watch sends a freshly checked status first, then each change of the status the publisher stored. A test
        // before this one may have left NOT_SERVING stored: the watch would open on SERVING, and the switch turned off
        // at once would store NOT_SERVING again, which is no change and is never sent. So the stored status catches up
        // first.
        await server.Readiness.PublishedReadyAsync(TimeSpan.FromSeconds(30), stop.Token);

        // Three changes take a few seconds (the publisher runs every second). The deadline bounds a broken watch, it is
        // not waited.
        using var watch = new HealthClient(_channel).Watch(
            new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(90), cancellationToken: stop.Token);
        try
        {
            await foreach (var update in watch.ResponseStream.ReadAllAsync(stop.Token))
            {
                // The sequence starts at the first SERVING; a repeated status is not a change.
                if ((seen.Count == 0 && update.Status != ServingStatus.Serving) || (seen.Count > 0 && seen[^1] == update.Status))
                {
                    continue;
                }

                seen.Add(update.Status);
                server.Readiness.Ready = seen.Count != 1;
                if (seen.Count == 3)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
            // We ended the watch ourselves.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The same, reported as a cancelled read.
        }
        finally
        {
            server.Readiness.Ready = true;
        }

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.Serving], seen);
    }

    [Fact]
    public async Task Reflection_v1_lists_the_services_and_hands_out_the_file_of_a_symbol()
    {
        var client = new ReflectionV1.ServerReflection.ServerReflectionClient(_channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        var list = await AskAsync(call, new ReflectionV1.ServerReflectionRequest { ListServices = string.Empty });
        var file = await AskAsync(call, new ReflectionV1.ServerReflectionRequest { FileContainingSymbol = Symbol });
        var missing = await AskAsync(call, new ReflectionV1.ServerReflectionRequest { FileContainingSymbol = MissingSymbol });
        await call.RequestStream.CompleteAsync();

        AssertAnswers(
            list.ListServicesResponse.Service.Select(s => s.Name),
            file.FileDescriptorResponse.FileDescriptorProto,
            missing.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Reflection_v1alpha_lists_the_services_and_hands_out_the_file_of_a_symbol()
    {
        var client = new ReflectionV1Alpha.ServerReflection.ServerReflectionClient(_channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        var list = await AskAsync(call, new ReflectionV1Alpha.ServerReflectionRequest { ListServices = string.Empty });
        var file = await AskAsync(call, new ReflectionV1Alpha.ServerReflectionRequest { FileContainingSymbol = Symbol });
        var missing = await AskAsync(call, new ReflectionV1Alpha.ServerReflectionRequest { FileContainingSymbol = MissingSymbol });
        await call.RequestStream.CompleteAsync();

        AssertAnswers(
            list.ListServicesResponse.Service.Select(s => s.Name),
            file.FileDescriptorResponse.FileDescriptorProto,
            missing.ErrorResponse.ErrorCode);
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>One request on the reflection stream and its answer (the service answers each request in turn).</summary>
    private static async Task<TResponse> AskAsync<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call, TRequest request)
    {
        await call.RequestStream.WriteAsync(request, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken), "the reflection stream ended early");
        return call.ResponseStream.Current;
    }

    private static void AssertAnswers(IEnumerable<string> services, IEnumerable<ByteString> files, int missingError)
    {
        var listed = services.ToList();
        Assert.Contains("crm.testing.v1.EchoService", listed, StringComparer.Ordinal);
        Assert.Contains("grpc.health.v1.Health", listed, StringComparer.Ordinal);
        Assert.Contains("grpc.reflection.v1.ServerReflection", listed, StringComparer.Ordinal);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", listed, StringComparer.Ordinal);

        var declares = files.Select(f => FileDescriptorProto.Parser.ParseFrom(f))
            .SelectMany(f => f.Service.Select(s => $"{f.Package}.{s.Name}").Concat(f.MessageType.Select(m => $"{f.Package}.{m.Name}")))
            .ToList();
        Assert.Contains("crm.testing.v1.EchoService", declares, StringComparer.Ordinal);
        Assert.Contains("crm.testing.v1.EchoRequest", declares, StringComparer.Ordinal);
        Assert.Equal((int)StatusCode.NotFound, missingError);
    }

    private static CallOptions Options() =>
        new(deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: TestContext.Current.CancellationToken);
}
