using System.Buffers.Binary;
using System.Net;
using System.Text;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using Crm.Grpc.Tests.Wire;

namespace Crm.Grpc.Tests.Web;

/// <summary>gRPC-Web as browsers speak it, over HTTP/1.1, binary and base64 text, with CORS (UseGrpcWeb and UseCors
/// from MapGrpcStandardServices).</summary>
public sealed class GrpcWebTests(EchoServer server) : IDisposable
{
    private const string Echo = "/crm.testing.v1.EchoService/Echo";
    private const string TextContentType = "application/grpc-web-text";
    private readonly RawGrpc _http1 = new(server.Http1Address, HttpVersion.Version11);

    [Fact]
    public async Task A_binary_gRPC_Web_call_carries_the_message_then_the_trailers_in_the_body()
    {
        var response = await _http1.PostAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "from a browser" }), "application/grpc-web+proto");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.StartsWith("application/grpc-web", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("header-value", response.Headers["x-echo-header"]);
        var frames = Frames(response.Body);
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Flag);
        Assert.Equal("from a browser", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal(0x80, frames[1].Flag);
        var trailers = TrailerFields(frames[1].Payload);
        Assert.Equal("0", trailers["grpc-status"]);
        Assert.Equal("trailer-value", trailers["x-echo-trailer"]);
    }

    [Fact]
    public async Task A_text_gRPC_Web_call_is_base64_both_ways()
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new EchoRequest { Text = "in base64" })));
        var response = await _http1.PostAsync(Echo, body, TextContentType, AcceptText());

        Assert.StartsWith(TextContentType, response.Headers["content-type"], StringComparison.Ordinal);
        var frames = Base64Segments(response.Body).SelectMany(segment => Frames(segment)).ToList();
        Assert.Equal("in base64", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal("0", TrailerFields(frames[^1].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task A_text_stream_flushes_each_message_as_a_whole_base64_chunk()
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new CountRequest { Count = 5 })));
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Count", body, TextContentType, AcceptText());

        // Each flushed chunk decodes on its own into whole frames, so a browser can show a message the moment it arrives.
        var frames = Base64Segments(response.Body).SelectMany(segment => Frames(segment)).ToList();
        Assert.Equal(Enumerable.Range(0, 5), frames.Where(f => f.Flag == 0).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Index));
        Assert.Equal(0x80, frames[^1].Flag);
    }

    [Fact]
    public async Task A_text_request_larger_than_the_HTTP_1_1_input_buffer_is_served()
    {
        var payload = Google.Protobuf.ByteString.CopyFrom(new byte[2 * 1024 * 1024]);
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new EchoRequest { Payload = payload })));
        var response = await _http1.PostAsync(Echo, body, TextContentType, AcceptText());
        var frames = Base64Segments(response.Body).SelectMany(segment => Frames(segment)).ToList();
        Assert.Equal(payload.Length, EchoReply.Parser.ParseFrom(frames[0].Payload).Payload.Length);
    }

    [Fact]
    public async Task A_failed_gRPC_Web_call_with_no_message_is_trailers_only()
    {
        var response = await _http1.PostAsync(
            "/crm.testing.v1.EchoService/Fail", RawGrpc.Frame(new FailRequest { Code = 5, Message = "lead 7 not found" }), "application/grpc-web+proto");

        // grpc-dotnet answers a call that sent no message "trailers-only": the status is in the HTTP headers and the
        // body is empty, which gRPC-Web clients (grpc-web, Connect) read as the trailers.
        Assert.Empty(response.Body);
        Assert.Equal(5, response.GrpcStatus);
        Assert.Equal("lead 7 not found", response.GrpcMessage);
        Assert.Equal("asked-for", response.Headers["x-failure-reason"]);
    }

    [Fact]
    public async Task A_server_stream_over_gRPC_Web_arrives_whole()
    {
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Count", RawGrpc.Frame(new CountRequest { Count = 5 }), "application/grpc-web+proto");
        var frames = Frames(response.Body);
        Assert.Equal(Enumerable.Range(0, 5), frames.Where(f => f.Flag == 0).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Index));
        Assert.Equal(0x80, frames[^1].Flag);
        Assert.Equal("0", TrailerFields(frames[^1].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task An_allowed_browser_origin_gets_a_preflight_answer_and_can_read_the_status()
    {
        using var preflight = await _http1.OptionsAsync(Echo, EchoServer.AllowedOrigin);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(EchoServer.AllowedOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-grpc-web", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Origin"] = EchoServer.AllowedOrigin };
        var call = await _http1.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()), "application/grpc-web+proto", headers);
        Assert.Equal(EchoServer.AllowedOrigin, call.Headers["access-control-allow-origin"]);
        Assert.Contains("grpc-status", call.Headers["access-control-expose-headers"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_origin_gets_no_CORS_headers_so_the_browser_refuses_it()
    {
        // ASP.NET Core's CORS answers every preflight with 204 and leaves out Access-Control-Allow-Origin for an origin
        // it does not allow: the browser, not the server, then refuses the call.
        using var preflight = await _http1.OptionsAsync(Echo, "https://evil.example");
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Origin"] = "https://evil.example" };
        var call = await _http1.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()), "application/grpc-web+proto", headers);
        Assert.False(call.Headers.ContainsKey("access-control-allow-origin"));
        Assert.False(call.Headers.ContainsKey("access-control-expose-headers"));
    }

    [Fact]
    public async Task Native_gRPC_over_HTTP_1_1_is_refused_with_426()
    {
        var response = await _http1.PostAsync(Echo, RawGrpc.Frame(new EchoRequest()));
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    public void Dispose() => _http1.Dispose();

    /// <summary>What a browser's text client asks for: without it grpc-dotnet answers a text request in binary.</summary>
    private static Dictionary<string, string> AcceptText() => new(StringComparer.Ordinal) { ["Accept"] = TextContentType };

    /// <summary>The base64 segments of a text response, decoded: grpc-dotnet pads at each flush (each message, then the
    /// trailers), so the body is padded segments one after another rather than one base64 string.</summary>
    private static List<byte[]> Base64Segments(byte[] body)
    {
        var text = Encoding.ASCII.GetString(body);
        Assert.Equal(0, text.Length % 4);
        var segments = new List<byte[]>();
        var start = 0;
        for (var end = 4; end <= text.Length; end += 4)
        {
            if (text[end - 1] == '=' || end == text.Length)
            {
                segments.Add(Convert.FromBase64String(text[start..end]));
                start = end;
            }
        }

        return segments;
    }

    private static List<(byte Flag, byte[] Payload)> Frames(byte[] body)
    {
        var frames = new List<(byte, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            frames.Add((body[offset], body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return frames;
    }

    /// <summary>The fields of a trailer frame: <c>name: value</c> lines (grpc-dotnet writes a space after the colon).</summary>
    private static Dictionary<string, string> TrailerFields(byte[] payload) =>
        Encoding.ASCII.GetString(payload)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim(), StringComparer.Ordinal);
}
