using System.Buffers.Binary;
using System.Net;
using System.Text;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;
using Crm.Grpc.Tests.Wire;

namespace Crm.Grpc.Tests.Web;

/// <summary>gRPC-Web as browsers speak it, over HTTP/1.1, binary and base64 text, with CORS.</summary>
public sealed class GrpcWebTests(EchoServer server) : IDisposable
{
    private readonly RawGrpc _http1 = new(server.Http1Address, HttpVersion.Version11);

    [Fact]
    public async Task A_binary_gRPC_Web_call_carries_the_message_then_the_trailers_in_the_body()
    {
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", RawGrpc.Frame(new EchoRequest { Text = "from a browser" }), "application/grpc-web+proto");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.StartsWith("application/grpc-web", response.Headers["content-type"], StringComparison.Ordinal);
        var frames = Frames(response.Body);
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Flag);
        Assert.Equal("from a browser", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal(0x80, frames[1].Flag);
        var trailers = Encoding.ASCII.GetString(frames[1].Payload);
        Assert.Contains("grpc-status:0\r\n", trailers, StringComparison.Ordinal);
        Assert.Contains("x-echo-trailer:trailer-value\r\n", trailers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_gRPC_Web_call_is_base64_both_ways()
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new EchoRequest { Text = "in base64" })));
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", body, "application/grpc-web-text");

        Assert.StartsWith("application/grpc-web-text", response.Headers["content-type"], StringComparison.Ordinal);
        var frames = Frames(Convert.FromBase64String(Encoding.ASCII.GetString(response.Body)));
        Assert.Equal("in base64", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Contains("grpc-status:0", Encoding.ASCII.GetString(frames[^1].Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_stream_flushes_each_message_as_a_whole_base64_chunk()
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new CountRequest { Count = 5 })));
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Count", body, "application/grpc-web-text");

        // Each flushed chunk decodes on its own, so a browser can show a message the moment it arrives.
        var chunks = Encoding.ASCII.GetString(response.Body).Split('=', StringSplitOptions.RemoveEmptyEntries);
        var frames = chunks.SelectMany(c => Frames(Convert.FromBase64String(c.PadRight((c.Length + 3) / 4 * 4, '=')))).ToList();
        Assert.Equal(Enumerable.Range(0, 5), frames.Where(f => f.Flag == 0).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Index));
        Assert.Equal(0x80, frames[^1].Flag);
    }

    [Fact]
    public async Task A_text_request_larger_than_the_HTTP_1_1_input_buffer_is_served()
    {
        var payload = Google.Protobuf.ByteString.CopyFrom(new byte[2 * 1024 * 1024]);
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(RawGrpc.Frame(new EchoRequest { Payload = payload })));
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", body, "application/grpc-web-text");
        var frames = Frames(Convert.FromBase64String(Encoding.ASCII.GetString(response.Body)));
        Assert.Equal(payload.Length, EchoReply.Parser.ParseFrom(frames[0].Payload).Payload.Length);
    }

    [Fact]
    public async Task A_failed_gRPC_Web_call_has_its_status_in_the_trailer_frame()
    {
        var response = await _http1.PostAsync(
            "/crm.testing.v1.EchoService/Fail", RawGrpc.Frame(new FailRequest { Code = 5, Message = "lead 7 not found" }), "application/grpc-web+proto");
        var frames = Frames(response.Body);
        var trailers = Encoding.ASCII.GetString(Assert.Single(frames).Payload);
        Assert.Contains("grpc-status:5\r\n", trailers, StringComparison.Ordinal);
        Assert.Contains("grpc-message:lead 7 not found\r\n", trailers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_stream_over_gRPC_Web_arrives_whole()
    {
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Count", RawGrpc.Frame(new CountRequest { Count = 5 }), "application/grpc-web+proto");
        var frames = Frames(response.Body);
        Assert.Equal(Enumerable.Range(0, 5), frames.Where(f => f.Flag == 0).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Index));
        Assert.Equal(0x80, frames[^1].Flag);
    }

    [Fact]
    public async Task An_allowed_browser_origin_gets_a_preflight_answer_and_can_read_the_status()
    {
        using var preflight = await _http1.OptionsAsync("/crm.testing.v1.EchoService/Echo", EchoServer.AllowedOrigin);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(EchoServer.AllowedOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-grpc-web", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Origin"] = EchoServer.AllowedOrigin };
        var call = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", RawGrpc.Frame(new EchoRequest()), "application/grpc-web+proto", headers);
        Assert.Equal(EchoServer.AllowedOrigin, call.Headers["access-control-allow-origin"]);
        Assert.Contains("grpc-status", call.Headers["access-control-expose-headers"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_origin_is_refused_at_preflight_and_gets_no_CORS_headers()
    {
        using var preflight = await _http1.OptionsAsync("/crm.testing.v1.EchoService/Echo", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Origin"] = "https://evil.example" };
        var call = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", RawGrpc.Frame(new EchoRequest()), "application/grpc-web+proto", headers);
        Assert.False(call.Headers.ContainsKey("access-control-allow-origin"));
    }

    [Fact]
    public async Task Native_gRPC_over_HTTP_1_1_is_refused_with_426()
    {
        var response = await _http1.PostAsync("/crm.testing.v1.EchoService/Echo", RawGrpc.Frame(new EchoRequest()));
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    public void Dispose() => _http1.Dispose();

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
}
