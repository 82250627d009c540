using System.Collections.Concurrent;
using System.Globalization;
using Crm.Grpc.Client;
using Crm.Grpc.Tests.Client;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using Google.Protobuf;

namespace Crm.Grpc.Tests.Interop;

/// <summary>Our client calls a @grpc/grpc-js server: it must work with a server that is not ours.</summary>
public sealed class GrpcJsServerTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _lines = new();
    private ChildProcess? _server;
    private GrpcChannel? _channel;

    public async ValueTask InitializeAsync()
    {
        _server = ChildProcess.Start(new ChildProcessSpec("grpc-js", "node", ["grpc-js-server.mjs", InteropTools.ProtoFile], WorkingDirectory: InteropTools.Folder), _lines.Enqueue);
        var up = await Poll.UntilAsync(() => _server.HasExited || _lines.Any(l => l.StartsWith("LISTENING ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(up && !_server.HasExited, string.Join(Environment.NewLine, _lines));
        var port = int.Parse(_lines.First(l => l.StartsWith("LISTENING ", StringComparison.Ordinal))["LISTENING ".Length..], CultureInfo.InvariantCulture);
        _channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task A_unary_call_carries_metadata_both_ways()
    {
        var headers = new Metadata().Add("x-tenant", "acme").Add("x-token-bin", [9, 8, 7, 0, 255]);
        var result = await _channel!.CallAsync(EchoMethods.Echo, new EchoRequest { Text = "to grpc-js" }, Options() with { Headers = headers });
        Assert.Equal("to grpc-js", result.Response.Text);
        Assert.Equal("acme", result.Response.Metadata["x-tenant"]);
        Assert.Equal(Convert.ToBase64String([9, 8, 7, 0, 255]), result.Response.Metadata["x-token-bin"]);
        Assert.Equal("header-value", result.Headers.GetText("x-echo-header"));
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, result.Trailers.GetBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task A_server_stream_arrives_in_order()
    {
        var indexes = new List<int>();
        await foreach (var reply in _channel!.ServerStreamingAsync(EchoMethods.Count, new CountRequest { Count = 30 }, Options(), TestContext.Current.CancellationToken))
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 30), indexes);
    }

    [Fact]
    public async Task A_status_arrives_with_its_message_and_trailers()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => _channel!.UnaryAsync(
            EchoMethods.Fail, new FailRequest { Code = 9, Message = InteropCases.UnicodeMessage }, Options()));
        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal(InteropCases.UnicodeMessage, failure.Status.Detail);
        Assert.Equal("asked-for", failure.Trailers.GetText("x-failure-reason"));
    }

    [Fact]
    public async Task A_deadline_ends_the_call()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => _channel!.UnaryAsync(
            EchoMethods.Wait, new WaitRequest { Key = "x" }, Options() with { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task A_gzip_request_and_a_large_message_are_accepted()
    {
        var payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);
        var reply = await _channel!.UnaryAsync(EchoMethods.Echo, new EchoRequest { Payload = payload }, Options() with { CompressRequest = true });
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

    private static CallOptions Options() => new() { CancellationToken = TestContext.Current.CancellationToken, Timeout = TimeSpan.FromSeconds(20) };
}
