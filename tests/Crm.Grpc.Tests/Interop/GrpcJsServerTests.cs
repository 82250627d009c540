using System.Collections.Concurrent;
using System.Globalization;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using EchoClient = Crm.Grpc.Tests.V1.EchoService.EchoServiceClient;

namespace Crm.Grpc.Tests.Interop;

/// <summary>grpc-dotnet's generated client, as the services and the gateway use it, calls a @grpc/grpc-js server:
/// what our callers rely on must hold against a server that is not ours.</summary>
public sealed class GrpcJsServerTests : IAsyncLifetime
{
    private static readonly byte[] Token = [9, 8, 7, 0, 255];
    private static readonly byte[] TrailerBytes = [0, 1, 2, 253, 254, 255];
    private readonly ConcurrentQueue<string> _lines = new();
    private ChildProcess? _server;
    private GrpcChannel? _channel;
    private EchoClient? _client;

    public async ValueTask InitializeAsync()
    {
        _server = ChildProcess.Start(new ChildProcessSpec("grpc-js", "node", ["grpc-js-server.mjs", InteropTools.ProtoFile], WorkingDirectory: InteropTools.Folder), _lines.Enqueue);
        var up = await Poll.UntilAsync(() => _server.HasExited || _lines.Any(l => l.StartsWith("LISTENING ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(up && !_server.HasExited, string.Join(Environment.NewLine, _lines));
        var port = int.Parse(_lines.First(l => l.StartsWith("LISTENING ", StringComparison.Ordinal))["LISTENING ".Length..], CultureInfo.InvariantCulture);

        // grpc-js echoes all of its request metadata, so the reply to a request just under 4 MiB is just over it.
        _channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"), new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        _client = new EchoClient(_channel);
    }

    [Fact]
    public async Task A_unary_call_carries_metadata_both_ways()
    {
        var headers = new Metadata { { "x-tenant", "acme" }, { "x-token-bin", Token } };
        using var call = _client!.EchoAsync(new EchoRequest { Text = "to grpc-js" }, Options(headers));
        var reply = await call.ResponseAsync;
        Assert.Equal("to grpc-js", reply.Text);
        Assert.Equal("acme", reply.Metadata["x-tenant"]);
        Assert.Equal(Convert.ToBase64String(Token), reply.Metadata["x-token-bin"]);
        Assert.Equal("header-value", (await call.ResponseHeadersAsync).GetValue("x-echo-header"));
        Assert.Equal(TrailerBytes, call.GetTrailers().GetValueBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task A_server_stream_arrives_in_order()
    {
        using var call = _client!.Count(new CountRequest { Count = 30 }, Options());
        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 30), indexes);
    }

    [Fact]
    public async Task A_status_arrives_with_its_message_and_trailers()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            _client!.FailAsync(new FailRequest { Code = 9, Message = InteropCases.UnicodeMessage }, Options()).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal(InteropCases.UnicodeMessage, failure.Status.Detail);
        Assert.Equal("asked-for", failure.Trailers.GetValue("x-failure-reason"));
    }

    [Fact]
    public async Task A_deadline_ends_the_call()
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300), cancellationToken: TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAsync<RpcException>(() => _client!.WaitAsync(new WaitRequest { Key = "x" }, options).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task A_gzip_request_and_a_large_message_are_accepted()
    {
        var payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);

        // grpc-internal-encoding-request is how grpc-dotnet's client is asked to compress a call's request.
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var reply = await _client!.EchoAsync(new EchoRequest { Payload = payload }, Options(gzip)).ResponseAsync;
        Assert.Equal(payload.Length, reply.Payload.Length);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(10));
            await _server.DisposeAsync();
        }
    }

    private static CallOptions Options(Metadata? headers = null) =>
        new(headers, DateTime.UtcNow.AddSeconds(20), TestContext.Current.CancellationToken);
}
