using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Crm.Grpc;
using Crm.Grpc.Protocol;
using Crm.Grpc.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>
/// Forwards a gRPC or gRPC-Web call, bytes untouched, to the service that owns it over HTTP/2, streaming both ways,
/// and relays headers, body and trailers back. The caller's deadline travels on (less the time spent here), and a
/// call without one gets the gateway's default, so that no downstream call waits forever.
/// </summary>
public sealed partial class GrpcForwarder(IHttpClientFactory clients, IForwardingPolicy policy, GrpcCors cors, ILogger<GrpcForwarder> logger)
{
    /// <summary>The name of the HttpClient (HTTP/2, no timeout of its own: the deadline rules) used downstream.</summary>
    public const string ClientName = "grpc-forwarder";

    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    // Headers that belong to one hop and must not be copied to the next.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length", "te", "proxy-connection",
        "grpc-timeout", "server", "date",
    };

    public async Task ForwardAsync(HttpContext http, Uri downstream)
    {
        var started = Stopwatch.GetTimestamp();
        cors.Apply(http);
        if (policy.Check(http.User, http.Request.Path) is { } denied)
        {
            await AnswerAsync(http, denied);
            return;
        }

        var timeout = GrpcTimeout.Parse(http.Request.Headers[GrpcProtocol.TimeoutHeader]) ?? DefaultDeadline;
        // The gateway answers a little before its caller gives up, and the service a little before the gateway.
        var ours = GrpcTimeout.ForNextHop(timeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(ours);
        using var request = DownstreamRequest(http, downstream, GrpcTimeout.ForNextHop(ours - Stopwatch.GetElapsedTime(started)));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            Log.DownstreamTimedOut(logger, http.Request.Path, downstream, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await AnswerAsync(http, new Status(StatusCode.DeadlineExceeded, $"the service behind {http.Request.Path} did not answer before the deadline"));
            return;
        }
        catch (HttpRequestException ex)
        {
            Log.DownstreamUnreachable(logger, http.Request.Path, downstream, ex.Message);
            await AnswerAsync(http, Status.Unavailable($"the service behind {http.Request.Path} cannot be reached; try again shortly"));
            return;
        }

        using (response)
        {
            await RelayAsync(http, response, deadline.Token);
        }
    }

    /// <summary>The call as it goes on to the service: the caller's headers but those of one hop, and the deadline left.</summary>
    private static HttpRequestMessage DownstreamRequest(HttpContext http, Uri downstream, TimeSpan deadline)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(downstream, http.Request.Path + http.Request.QueryString))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(http.Request.Body),
        };
        foreach (var (key, values) in http.Request.Headers)
        {
            if (HopByHop.Contains(key) || key.StartsWith(':'))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TE.ParseAdd("trailers");
        request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline > TimeSpan.Zero ? deadline : TimeSpan.FromTicks(1)));
        return request;
    }

    /// <summary>Answers a gRPC call without a downstream: trailers-only, or a trailer frame for gRPC-Web.</summary>
    public static async Task AnswerAsync(HttpContext http, Status status)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        var format = ContentTypes.Parse(http.Request.ContentType);
        http.Response.ContentType = ContentTypes.ResponseContentType(format == WireProtocol.None ? WireProtocol.Grpc : format);
        if (format is WireProtocol.GrpcWeb or WireProtocol.GrpcWebText)
        {
            var trailer = System.Text.Encoding.ASCII.GetBytes($"grpc-status:{(int)status.Code}\r\ngrpc-message:{PercentEncoding.Encode(status.Detail)}\r\n");
            var frame = new byte[GrpcProtocol.FrameHeaderSize + trailer.Length];
            MessageFrames.WriteHeader(frame, GrpcProtocol.WebTrailerFlag, trailer.Length);
            trailer.CopyTo(frame, GrpcProtocol.FrameHeaderSize);
            var body = format == WireProtocol.GrpcWebText ? System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(frame)) : frame;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
            return;
        }

        http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)status.Code).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
    }

    private static async Task RelayAsync(HttpContext http, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(key))
            {
                http.Response.Headers[key] = values.ToArray();
            }
        }

        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            // Flushed as it comes, so that a server stream reaches the caller message by message.
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }

        if (response.TrailingHeaders.Any() && http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { } trailers)
        {
            foreach (var (key, values) in response.TrailingHeaders)
            {
                trailers[key] = values.ToArray();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "gRPC call {Method} could not reach {Downstream}: {Reason}")]
        public static partial void DownstreamUnreachable(ILogger logger, string method, Uri downstream, string reason);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "gRPC call {Method} got no answer from {Downstream} within {ElapsedMs:0} ms, its deadline")]
        public static partial void DownstreamTimedOut(ILogger logger, string method, Uri downstream, double elapsedMs);
    }
}
