using System.Collections.Concurrent;
using System.Net;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests;

/// <summary>
/// A stand-in for the platform's services on one HTTP/2 port: each path answers with a fixed message (or waits, or
/// echoes), and every request's headers are kept for the test to inspect.
/// </summary>
public sealed class StubServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServices(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    private const string ContentType = "application/grpc";

    public Uri Address { get; }

    /// <summary>The headers of every request, by path.</summary>
    public ConcurrentDictionary<string, IHeaderDictionary> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request received, in order: its path and headers.</summary>
    public ConcurrentQueue<(string Path, IHeaderDictionary Headers)> Received { get; } = new();

    public static async Task<StubServices> StartAsync(IReadOnlyDictionary<string, Func<HttpContext, Task>> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stubs = new StubServices(app, new Uri($"http://127.0.0.1:{port}"));
        foreach (var (path, handler) in handlers)
        {
            app.MapPost(path, async http =>
            {
                stubs.Requests[path] = new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
                stubs.Received.Enqueue((path, stubs.Requests[path]));
                await handler(http);
            });
        }

        await app.StartAsync();
        return stubs;
    }

    /// <summary>Answers with <paramref name="message"/> and grpc-status 0.</summary>
    public static Func<HttpContext, Task> Reply(IMessage message) => async http =>
    {
        await DrainAsync(http);
        http.Response.ContentType = ContentType;
        await http.Response.Body.WriteAsync(Frame(message), http.RequestAborted);
        Trailers(http)["grpc-status"] = "0";
    };

    /// <summary>Answers each request with what <paramref name="answer"/> makes of it, and grpc-status 0.</summary>
    public static Func<HttpContext, Task> Answer<TRequest>(MessageParser<TRequest> parser, Func<TRequest, IMessage> answer)
        where TRequest : IMessage<TRequest> => async http =>
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var request = parser.ParseFrom(body.GetBuffer().AsSpan(5, (int)body.Length - 5));
        http.Response.ContentType = ContentType;
        await http.Response.Body.WriteAsync(Frame(answer(request)), http.RequestAborted);
        Trailers(http)["grpc-status"] = "0";
    };

    /// <summary>Answers trailers-only with a status.</summary>
    public static Func<HttpContext, Task> Fail(int code, string message) => async http =>
    {
        await DrainAsync(http);
        http.Response.ContentType = ContentType;
        http.Response.Headers["grpc-status"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = message;
    };

    /// <summary>Sends back the request's own frames, with a header and a trailer of its own.</summary>
    public static Func<HttpContext, Task> Echo() => async http =>
    {
        http.Response.ContentType = ContentType;
        http.Response.Headers["x-downstream"] = "stub";
        await http.Request.Body.CopyToAsync(http.Response.Body, http.RequestAborted);
        Trailers(http)["grpc-status"] = "0";
        Trailers(http)["x-downstream-trailer"] = "done";
    };

    /// <summary>
    /// Reads a streamed request to its end, however large (no request body limit, as a gRPC server lifts it for a
    /// stream), then answers with what <paramref name="answer"/> makes of the number of bytes received.
    /// </summary>
    public static Func<HttpContext, Task> Count(Func<long, IMessage> answer) => async http =>
    {
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var buffer = new byte[64 * 1024];
        long received = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            received += read;
        }

        http.Response.ContentType = ContentType;
        await http.Response.Body.WriteAsync(Frame(answer(received)), http.RequestAborted);
        Trailers(http)["grpc-status"] = "0";
    };

    /// <summary>Gives up when its deadline passes by resetting the call, as a gRPC server may, with no status sent.</summary>
    public static Func<HttpContext, Task> ResetAtDeadline() => async http =>
    {
        await DrainAsync(http);
        var deadline = Crm.Grpc.GrpcTimeout.Parse(http.Request.Headers[Crm.Grpc.GrpcTimeout.Header]) ?? TimeSpan.FromSeconds(30);
        await Task.Delay(deadline, http.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        http.Abort();
    };

    /// <summary>Never answers before the caller gives up: a slow service.</summary>
    public static Func<HttpContext, Task> Hang() => async http =>
    {
        await DrainAsync(http);
        await Task.Delay(Timeout.Infinite, http.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One uncompressed gRPC message as it goes on the wire: a flag byte, the length (big-endian), the bytes.</summary>
    private static byte[] Frame(IMessage message)
    {
        var frame = new byte[5 + message.CalculateSize()];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), frame.Length - 5);
        message.WriteTo(frame.AsSpan(5));
        return frame;
    }

    private static IHeaderDictionary Trailers(HttpContext http) => http.Features.Get<IHttpResponseTrailersFeature>()!.Trailers;

    private static async Task DrainAsync(HttpContext http)
    {
        using var sink = new MemoryStream();
        await http.Request.Body.CopyToAsync(sink, http.RequestAborted);
    }
}
