using System.IO.Compression;
using System.Net;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Tests.Wire;

/// <summary>Broken and hostile requests as raw HTTP/2: each gets a status (no crash, no hang), and the server goes on
/// serving. The statuses and messages are grpc-dotnet's (2.85). Every case runs at the service and through the gateway,
/// which forwards the bytes untouched and must pass the service's answer back as it came.</summary>
public abstract class BadInputTests(EchoServer server, Uri address) : IDisposable
{
    private const string Echo = "/crm.testing.v1.EchoService/Echo";

    // grpc-dotnet reports a frame it cannot read as INTERNAL when it checks the frame itself, and as UNKNOWN ("Exception
    // was thrown by handler.") when the reader or the protobuf parser throws: either is a proper status for bytes that
    // are not a message.
    private static readonly int[] Unreadable = [(int)StatusCode.Internal, (int)StatusCode.Unknown];

    private readonly RawGrpc _raw = new(address, HttpVersion.Version20);

    [Fact]
    public async Task A_length_prefix_that_claims_more_than_is_sent_is_INTERNAL()
    {
        var body = RawGrpc.Header(0, 100).Concat(new EchoRequest { Text = "short" }.ToByteArray()).ToArray();
        var response = await _raw.PostAsync(Echo, body);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_truncated_frame_header_is_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, [0, 0, 0]);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Bytes_that_are_not_protobuf_get_a_status_that_names_no_internals()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Contains(response.GrpcStatus ?? -1, Unreadable);
        Assert.DoesNotContain("InvalidProtocolBuffer", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task An_unknown_frame_flag_gets_a_status()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 7));
        Assert.Contains(response.GrpcStatus ?? -1, Unreadable);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_compressed_message_without_an_encoding_is_INTERNAL()
    {
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 1));
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_message_compressed_with_an_unsupported_encoding_is_UNIMPLEMENTED_and_names_what_is_accepted()
    {
        // grpc-dotnet looks at grpc-encoding only for a message whose frame says it is compressed.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-encoding"] = "br" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 1), headers: headers);
        Assert.Equal((int)StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Contains("gzip", response.GrpcMessage, StringComparison.Ordinal);
        Assert.Contains("gzip", response.Headers["grpc-accept-encoding"], StringComparison.Ordinal);
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
        Assert.Contains("exceeds the maximum configured message size", response.GrpcMessage, StringComparison.Ordinal);
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
    public async Task Text_metadata_with_a_tab_reaches_the_handler()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-note"] = "tab\there" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()), headers: headers);
        Assert.True(response.GrpcStatus == 0, response.GrpcMessage);
        Assert.Equal("tab\there", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Metadata["x-note"]);
    }

    [Theory]
    [InlineData("!!!not base64")]
    [InlineData("AQI,AwQ=")]
    public async Task A_binary_header_that_is_not_base64_fails_a_handler_that_reads_the_metadata_with_UNKNOWN(string value)
    {
        // grpc-dotnet decodes -bin headers when a handler first reads RequestHeaders and throws on bad base64 (and on
        // comma-joined values), so the call ends UNKNOWN: a sender's bad header cannot be ignored by a handler that reads
        // metadata, as the hand-made layer did. The server itself goes on serving.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-token-bin"] = value };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()), headers: headers);
        Assert.Equal((int)StatusCode.Unknown, response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_gzip_message_that_inflates_past_the_limit_is_RESOURCE_EXHAUSTED()
    {
        // 6 MiB of zeros is a few KiB compressed: the receive limit applies to what it inflates to (the next test shows
        // it with a small reply), so the call ends RESOURCE_EXHAUSTED.
        var bomb = Gzip(new EchoRequest { Payload = ByteString.CopyFrom(new byte[6 * 1024 * 1024]) }.ToByteArray());
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-encoding"] = "gzip" };
        var response = await _raw.PostAsync(Echo, RawGrpc.Frame(bomb, flag: 1), headers: headers);
        Assert.Equal((int)StatusCode.ResourceExhausted, response.GrpcStatus);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_gzip_message_that_inflates_past_the_limit_is_refused_even_when_the_reply_is_small()
    {
        // Collect answers with a count, far under the send limit: only the receive limit can refuse this message, and
        // it must be applied to what the message inflates to, or a few KiB on the wire hold any amount of memory.
        var bomb = Gzip(new EchoRequest { Payload = ByteString.CopyFrom(new byte[64 * 1024 * 1024]) }.ToByteArray());
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc-encoding"] = "gzip" };
        var response = await _raw.PostAsync("/crm.testing.v1.EchoService/Collect", RawGrpc.Frame(bomb, flag: 1), headers: headers);
        Assert.True(response.GrpcStatus is (int)StatusCode.ResourceExhausted, $"grpc-status {response.GrpcStatus}: {response.GrpcMessage}");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Two_messages_to_a_unary_method_are_INTERNAL()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Text = "x" });
        var response = await _raw.PostAsync(Echo, [.. frame, .. frame]);
        Assert.Equal((int)StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("Additional data", response.GrpcMessage, StringComparison.Ordinal);
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
        Assert.Contains("is unimplemented", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_in_a_handler_is_UNKNOWN_without_its_details_and_is_logged()
    {
        var response = await _raw.PostAsync("/crm.testing.v1.EchoService/Crash", RawGrpc.Frame(new EchoRequest()));

        // AddGrpcServer leaves EnableDetailedErrors off: the caller learns only that the handler threw.
        Assert.Equal((int)StatusCode.Unknown, response.GrpcStatus);
        Assert.DoesNotContain("hunter2", response.GrpcMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.GrpcMessage, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException
            && e.Message.Contains("Crash", StringComparison.Ordinal));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Many_bad_requests_at_once_leave_the_server_serving()
    {
        var bad = Enumerable.Range(0, 200).Select(i => _raw.PostAsync(Echo, i % 2 == 0 ? RawGrpc.Header(9, 5) : RawGrpc.Header(0, uint.MaxValue)));
        var responses = await Task.WhenAll(bad);
        Assert.All(responses, r => Assert.True(r.GrpcStatus is > 0, $"grpc-status {r.GrpcStatus}: {r.GrpcMessage}"));
        await AssertStillServingAsync();
    }

    public void Dispose()
    {
        _raw.Dispose();
        GC.SuppressFinalize(this);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

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
