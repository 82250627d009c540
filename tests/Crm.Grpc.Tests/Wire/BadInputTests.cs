using System.Net;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Tests.Wire;

/// <summary>Broken and hostile requests as raw HTTP/2: each gets a status, and the server goes on serving.</summary>
public sealed class BadInputTests(EchoServer server) : IDisposable
{
    private const string Echo = "/crm.testing.v1.EchoService/Echo";
    private readonly RawGrpc _raw = new(server.Http2Address, HttpVersion.Version20);

    [Fact]
    public async Task A_length_prefix_that_claims_more_than_is_sent_is_INTERNAL()
    {
        var body = RawGrpc.Header(0, 100).Concat(new EchoRequest { Text = "short" }.ToByteArray()).ToArray();
        var response = await _raw.PostAsync(Echo, body);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("ended after", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_truncated_frame_header_is_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, [0, 0, 0]);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("frame header", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Bytes_that_are_not_protobuf_are_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("not a valid EchoRequest", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_unknown_frame_flag_is_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 7));
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("unknown frame flag 7", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_compressed_message_without_an_encoding_is_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 1));
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_unsupported_encoding_is_UNIMPLEMENTED_and_names_what_is_accepted()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-encoding"] = "br" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }), headers: headers);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal("identity,gzip", response.Headers["grpc-accept-encoding"]);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_from_its_prefix_before_the_body_is_sent()
    {
        // The client announces 64 MiB and then sends nothing more: an answer can only come from the prefix alone.
        var content = new HeldOpenContent(RawGrpc.Header(0, 64 * 1024 * 1024));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await _raw.SendAsync(Echo, content, cancellationToken: deadline.Token);
        content.Release();
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("exceeds the limit of 4194304 bytes", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_message_just_under_the_limit_is_served()
    {
        var payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 64]);
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Payload = payload }));
        Assert.True(response.GrpcStatus == 0, response.GrpcMessage);
        Assert.Equal(payload.Length, EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Payload.Length);
    }

    [Fact]
    public async Task A_timeout_too_long_for_a_timer_means_no_deadline()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-timeout"] = "99999999H" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "patient" }), headers: headers);
        Assert.True(response.GrpcStatus == 0, response.GrpcMessage);
    }

    [Fact]
    public async Task Metadata_a_sender_got_slightly_wrong_does_not_fail_the_call()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-token-bin"] = "!!!not base64",
            ["x-pair-bin"] = "AQI,AwQ=",
            ["x-note"] = "tab\there",
        };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()), headers: headers);
        Assert.True(response.GrpcStatus == 0, response.GrpcMessage);
        var reply = EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray());
        Assert.False(reply.Metadata.ContainsKey("x-token-bin"));
        Assert.Equal(Convert.ToBase64String([3, 4]), reply.Metadata["x-pair-bin"]);
        Assert.Equal("tab\there", reply.Metadata["x-note"]);
    }

    [Fact]
    public async Task A_gzip_message_that_inflates_past_the_limit_is_RESOURCE_EXHAUSTED()
    {
        var bomb = Protocol.MessageCompression.Compress(new EchoRequest { Payload = ByteString.CopyFrom(new byte[6 * 1024 * 1024]) }.ToByteArray());
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-encoding"] = "gzip" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(bomb, flag: 1), headers: headers);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Contains("inflates past the limit", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Two_messages_to_a_unary_method_are_INTERNAL()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Text = "x" });
        var response = await _raw.PostAsync(Echo, [.. frame, .. frame]);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("exactly one request message", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_is_not_gRPC_gets_HTTP_415()
    {
        var response = await _raw.PostAsync(Echo, "{\"text\":\"x\"}"u8.ToArray(), contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/crm.testing.v1.EchoService/NoSuchMethod")]
    [InlineData("/crm.testing.v1.NoSuchService/Echo")]
    public async Task An_unknown_service_or_method_is_UNIMPLEMENTED(string path)
    {
        var response = await _raw.PostAsync(path, RawGrpc.Frame(new EchoRequest()));
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains(path, response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_in_a_handler_is_INTERNAL_without_its_details_and_is_logged_with_the_trace_id()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["traceparent"] = $"00-{traceId}-00f067aa0ba902b7-01" };
        var response = await _raw.PostAsync("/crm.testing.v1.EchoService/Crash", RawGrpc.Frame(new EchoRequest()), headers: headers);

        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.DoesNotContain("hunter2", response.GrpcMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.GrpcMessage, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(traceId, StringComparison.Ordinal)
            && e.Message.Contains("/crm.testing.v1.EchoService/Crash", StringComparison.Ordinal) && e.Exception is InvalidOperationException);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Many_bad_requests_at_once_leave_the_server_serving()
    {
        var bad = Enumerable.Range(0, 200).Select(i => _raw.PostAsync(Echo, i % 2 == 0 ? RawGrpc.Header(9, 5) : RawGrpc.Header(0, uint.MaxValue)));
        var responses = await Task.WhenAll(bad);
        Assert.All(responses, r => Assert.NotEqual(0, r.GrpcStatus));
        await AssertStillServingAsync();
    }

    public void Dispose() => _raw.Dispose();

    private async Task AssertStillServingAsync()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "still here" }));
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("still here", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Text);
    }

    /// <summary>A request body that sends its first bytes and then stays open until released.</summary>
    private sealed class HeldOpenContent(byte[] first) : HttpContent
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
