using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;

namespace Crm.Grpc.Tests.Wire;

/// <summary>Client streaming and bidirectional calls over raw HTTP/2, including a stream that rests.</summary>
public sealed class StreamingRequestTests(EchoServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.Http2Address, Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_client_stream_is_read_whole()
    {
        byte[] body = [.. RawGrpc.Frame(new EchoRequest { Text = "a" }), .. RawGrpc.Frame(new EchoRequest { Text = "b" }), .. RawGrpc.Frame(new EchoRequest { Text = "c" })];
        using var raw = new RawGrpc(server.Http2Address, HttpVersion.Version20);
        var response = await raw.PostAsync("/crm.testing.v1.EchoService/Collect", body);
        Assert.Equal(0, response.GrpcStatus);
        var reply = EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray());
        Assert.Equal("a,b,c", reply.Text);
        Assert.Equal(3, reply.Index);
    }

    [Fact]
    public async Task A_bidirectional_stream_that_rests_longer_than_the_data_rate_grace_stays_open()
    {
        var requests = new ScriptedContent();

        // Queued before sending: the response headers come only once the server has a message to answer.
        await requests.SendAsync(RawGrpc.Frame(new EchoRequest { Text = "first" }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crm.testing.v1.EchoService/Chat")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = requests,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var replies = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        Assert.Equal("first", (await ReadReplyAsync(replies)).Text);

        // The stimulus itself: no bytes at all for twice the server's grace period.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        await requests.SendAsync(RawGrpc.Frame(new EchoRequest { Text = "after a rest" }));
        var second = await ReadReplyAsync(replies);
        Assert.Equal("after a rest", second.Text);
        Assert.Equal(1, second.Index);
        requests.Complete();
    }

    public void Dispose() => _http.Dispose();

    private static async Task<EchoReply> ReadReplyAsync(Stream replies)
    {
        var header = new byte[5];
        await replies.ReadExactlyAsync(header, TestContext.Current.CancellationToken);
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await replies.ReadExactlyAsync(payload, TestContext.Current.CancellationToken);
        return EchoReply.Parser.ParseFrom(payload);
    }

    /// <summary>A request body written by the test, piece by piece, while the response is being read.</summary>
    private sealed class ScriptedContent : HttpContent
    {
        private readonly System.Threading.Channels.Channel<byte[]> _pieces = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

        public async Task SendAsync(byte[] piece) => await _pieces.Writer.WriteAsync(piece);

        public void Complete() => _pieces.Writer.Complete();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await foreach (var piece in _pieces.Reader.ReadAllAsync())
            {
                await stream.WriteAsync(piece);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
