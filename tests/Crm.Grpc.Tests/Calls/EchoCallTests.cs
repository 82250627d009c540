using Crm.Testing;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using EchoClient = Crm.Grpc.Tests.V1.EchoService.EchoServiceClient;

namespace Crm.Grpc.Tests.Calls;

/// <summary>The generated client, as services and the gateway call each other, against a server wired by
/// AddGrpcServer: every part of a call a service relies on, and the limits the wiring sets.</summary>
public sealed class EchoCallTests(EchoServer server) : IDisposable
{
    private static readonly byte[] Token = [9, 8, 7, 0, 255];
    private static readonly byte[] TrailerBytes = [0, 1, 2, 253, 254, 255];
    private readonly GrpcChannel _channel = TestChannels.For(server.Http2Address);

    private EchoClient Client => new(_channel);

    [Fact]
    public async Task A_unary_call_carries_metadata_both_ways_with_headers_and_trailers()
    {
        var headers = new Metadata { { "x-tenant", "acme" }, { "x-token-bin", Token } };
        using var call = Client.EchoAsync(new EchoRequest { Text = "hello" }, Options(headers));
        var reply = await call.ResponseAsync;
        Assert.Equal("hello", reply.Text);
        Assert.Equal("acme", reply.Metadata["x-tenant"]);
        Assert.Equal(Convert.ToBase64String(Token), reply.Metadata["x-token-bin"]);
        Assert.Equal("header-value", (await call.ResponseHeadersAsync).GetValue("x-echo-header"));
        Assert.Equal("trailer-value", call.GetTrailers().GetValue("x-echo-trailer"));
        Assert.Equal(TrailerBytes, call.GetTrailers().GetValueBytes("x-echo-trailer-bin"));
    }

    [Fact]
    public async Task A_server_stream_arrives_in_order()
    {
        using var call = Client.Count(new CountRequest { Count = 50 }, Options());
        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 50), indexes);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "source: is required")]
    [InlineData(StatusCode.NotFound, "lead 42 does not exist")]
    [InlineData(StatusCode.FailedPrecondition, "credit hold: no new orders — überfällig 100%")]
    [InlineData(StatusCode.PermissionDenied, "not your deal")]
    public async Task A_status_a_handler_returns_comes_back_with_its_message_and_trailers(StatusCode code, string message)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(
            () => Client.FailAsync(new FailRequest { Code = (int)code, Message = message }, Options()).ResponseAsync);
        Assert.Equal(code, failure.StatusCode);
        Assert.Equal(message, failure.Status.Detail);
        Assert.Equal("asked-for", failure.Trailers.GetValue("x-failure-reason"));
    }

    [Fact]
    public async Task A_deadline_ends_the_call_and_cancels_the_handler()
    {
        var key = Guid.NewGuid().ToString();
        // Long enough for the handler to start on a busy machine (300 ms once ran out before the call was dispatched,
        // and the handler never ran), and still ended by the deadline, not by the handler.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: TestContext.Current.CancellationToken);
        using var call = Client.WaitAsync(new WaitRequest { Key = key }, options);
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) is not null, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken), "the handler never started");
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);

        // The server's deadline and the client's reset race: either way the handler's token fires.
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) is "deadline" or "cancelled", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancelling_a_call_resets_the_stream_and_the_handler_sees_it()
    {
        var key = Guid.NewGuid().ToString();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var call = Client.WaitAsync(new WaitRequest { Key = key }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: cancel.Token));
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) == "waiting", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await cancel.CancelAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        Assert.True(await Poll.UntilAsync(() => server.Cancellations.Outcome(key) == "cancelled", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_accepted()
    {
        var payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'a', 100_000).ToArray());

        // grpc-internal-encoding-request is how grpc-dotnet's client is asked to compress a call's request.
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var reply = await Client.EchoAsync(new EchoRequest { Payload = payload }, Options(gzip)).ResponseAsync;
        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task A_message_over_the_4_MiB_limit_is_RESOURCE_EXHAUSTED_and_one_under_it_passes()
    {
        var under = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);
        Assert.Equal(under.Length, (await Client.EchoAsync(new EchoRequest { Payload = under }, Options()).ResponseAsync).Payload.Length);

        // The client sends any size by default: the limit that refuses this one is the server's (AddGrpcServer).
        var over = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]);
        var failure = await Assert.ThrowsAsync<RpcException>(() => Client.EchoAsync(new EchoRequest { Payload = over }, Options()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    [Fact]
    public async Task A_client_stream_is_read_message_by_message()
    {
        using var call = Client.Collect(Options());
        string[] texts = ["a", "b", "c"];
        foreach (var text in texts)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text }, TestContext.Current.CancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task A_bidirectional_stream_answers_each_message_while_open_even_after_resting_longer_than_the_data_rate_grace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var call = Client.Chat(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "first" }, cancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(cancellationToken));
        Assert.Equal("first", call.ResponseStream.Current.Text);

        // The stimulus itself, not a wait for a condition: no bytes at all for twice the fixture's data-rate grace
        // (1.5 s), which Kestrel enforces on request bodies unless grpc-dotnet lifts it for streaming calls.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "after a rest" }, cancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(cancellationToken));
        Assert.Equal("after a rest", call.ResponseStream.Current.Text);
        Assert.Equal(1, call.ResponseStream.Current.Index);

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(cancellationToken));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    public void Dispose() => _channel.Dispose();

    private static CallOptions Options(Metadata? headers = null) =>
        new(headers, DateTime.UtcNow.AddSeconds(20), TestContext.Current.CancellationToken);
}
