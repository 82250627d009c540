using Crm.Grpc.Client;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using Google.Protobuf;

namespace Crm.Grpc.Tests.Client;

/// <summary>Our client against our server: every part of a call a service relies on.</summary>
public sealed class ClientTests(EchoServer server) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server.Http2Address);

    [Fact]
    public async Task A_unary_call_returns_the_response_with_headers_and_trailers()
    {
        var result = await _channel.CallAsync(EchoMethods.Echo, new EchoRequest { Text = "hello" }, Options());
        Assert.Equal("hello", result.Response.Text);
        Assert.Equal("header-value", result.Headers.GetText("x-echo-header"));
        Assert.Equal("trailer-value", result.Trailers.GetText("x-echo-trailer"));
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, result.Trailers.GetBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task Request_metadata_reaches_the_handler_including_binary_values()
    {
        var headers = new Metadata().Add("x-tenant", "acme").Add("x-token-bin", [9, 8, 7, 0, 255]);
        var reply = await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest(), Options() with { Headers = headers });
        Assert.Equal("acme", reply.Metadata["x-tenant"]);
        Assert.Equal(Convert.ToBase64String([9, 8, 7, 0, 255]), reply.Metadata["x-token-bin"]);
        Assert.DoesNotContain("content-type", reply.Metadata.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_stream_arrives_in_order()
    {
        var replies = new List<EchoReply>();
        await foreach (var reply in _channel.ServerStreamingAsync(EchoMethods.Count, new CountRequest { Count = 50 }, Options(), TestContext.Current.CancellationToken))
        {
            replies.Add(reply);
        }

        Assert.Equal(Enumerable.Range(0, 50), replies.Select(r => r.Index));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "source: is required")]
    [InlineData(StatusCode.NotFound, "lead 42 does not exist")]
    [InlineData(StatusCode.FailedPrecondition, "credit hold: no new orders — überfällig 100%")]
    [InlineData(StatusCode.PermissionDenied, "not your deal")]
    public async Task A_status_comes_back_with_its_message_and_trailers(StatusCode code, string message)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(
            () => _channel.UnaryAsync(EchoMethods.Fail, new FailRequest { Code = (int)code, Message = message }, Options()));
        Assert.Equal(code, failure.StatusCode);
        Assert.Equal(message, failure.Status.Detail);
        Assert.Equal("asked-for", failure.Trailers.GetText("x-failure-reason"));
    }

    [Fact]
    public async Task A_status_code_outside_the_known_ones_arrives_as_UNKNOWN_with_its_message()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Fail, new FailRequest { Code = 42, Message = "odd" }, Options()));
        Assert.Equal(StatusCode.Unknown, failure.StatusCode);
        Assert.Equal("odd", failure.Status.Detail);
    }

    [Fact]
    public async Task An_infinite_timeout_means_no_deadline_rather_than_an_immediate_one()
    {
        var reply = await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "no hurry" }, Options() with { Timeout = Timeout.InfiniteTimeSpan });
        Assert.Equal("no hurry", reply.Text);
    }

    [Fact]
    public async Task A_deadline_ends_the_call_and_cancels_the_handler()
    {
        var key = Guid.NewGuid().ToString();
        var failure = await Assert.ThrowsAsync<RpcException>(
            () => _channel.UnaryAsync(EchoMethods.Wait, new WaitRequest { Key = key }, Options() with { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) is "deadline" or "cancelled", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancelling_a_call_resets_the_stream_and_the_handler_sees_it()
    {
        var key = Guid.NewGuid().ToString();
        using var cancel = new CancellationTokenSource();
        var call = _channel.UnaryAsync(EchoMethods.Wait, new WaitRequest { Key = key }, Options() with { CancellationToken = cancel.Token });
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) == "waiting", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await cancel.CancelAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) == "cancelled", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_accepted()
    {
        var payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'a', 100_000).ToArray());
        var reply = await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Payload = payload }, Options() with { CompressRequest = true });
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_RESOURCE_EXHAUSTED_and_one_under_it_passes()
    {
        var under = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);
        Assert.Equal(under.Length, (await _channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Payload = under }, Options())).Payload.Length);

        using var generous = GrpcChannel.ForAddress(server.Http2Address, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024 });
        var over = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]);
        var failure = await Assert.ThrowsAsync<RpcException>(() => generous.UnaryAsync(EchoMethods.Echo, new EchoRequest { Payload = over }, Options()));
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    [Fact]
    public async Task An_unknown_method_is_UNIMPLEMENTED()
    {
        var missing = GrpcMethod.ByName<EchoRequest, EchoReply>("crm.testing.v1.EchoService", "NoSuchMethod");
        var failure = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(missing, new EchoRequest(), Options()));
        Assert.Equal(StatusCode.Unimplemented, failure.StatusCode);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_UNAVAILABLE()
    {
        using var nowhere = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{Ports.Free()}"));
        var failure = await Assert.ThrowsAsync<RpcException>(() => nowhere.UnaryAsync(EchoMethods.Echo, new EchoRequest(), Options()));
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task The_caller_trace_continues_on_the_server()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name is "Crm.Grpc",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var parent = new System.Diagnostics.Activity("test-caller").Start();

        await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Crash, new EchoRequest(), Options()));

        Assert.Contains(server.Logs.Entries, e => e.Message.Contains(parent.TraceId.ToString(), StringComparison.Ordinal));
    }

    public void Dispose() => _channel.Dispose();

    private static CallOptions Options() => new() { CancellationToken = TestContext.Current.CancellationToken, Timeout = TimeSpan.FromSeconds(20) };
}
