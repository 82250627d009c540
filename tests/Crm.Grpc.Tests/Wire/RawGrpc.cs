using Crm.Testing;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Crm.Grpc.Tests.Wire;

/// <summary>Sends hand-made bytes over HTTP/2 (cleartext, prior knowledge) or HTTP/1.1, as a hostile or broken
/// client would, and returns what came back without interpreting it.</summary>
public sealed class RawGrpc(Uri address, Version version) : IDisposable
{
    private readonly HttpClient _http = new(TestChannels.WithDefaultToken(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }))
    {
        BaseAddress = address,
        DefaultRequestVersion = version,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static byte[] Frame(IMessage message, byte flag = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Frame(message.ToByteArray(), flag);
    }

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Header(byte flag, uint length)
    {
        var header = new byte[5];
        header[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), length);
        return header;
    }

    public Task<RawResponse> PostAsync(string path, byte[] body, string contentType = "application/grpc", IDictionary<string, string>? headers = null) =>
        SendAsync(path, new ByteArrayContent(body), contentType, headers);

    public async Task<RawResponse> SendAsync(string path, HttpContent content, string contentType = "application/grpc", IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content, Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        foreach (var (key, value) in headers ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
        return new RawResponse(
            response.StatusCode,
            Flatten(response.Headers.Concat(response.Content.Headers)),
            body,
            Flatten(response.TrailingHeaders));
    }

    public async Task<HttpResponseMessage> OptionsAsync(string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type,x-grpc-web");
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
}
