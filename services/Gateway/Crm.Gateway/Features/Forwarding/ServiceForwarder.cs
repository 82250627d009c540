using System.Diagnostics;
using System.Globalization;
using System.Net;
using Crm.Grpc;
using Grpc.Core;
using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>
/// Forwards a gRPC or gRPC-Web call (gRPC-Web is turned into gRPC by grpc-dotnet's middleware first) to the service
/// that owns it, over HTTP/2 cleartext, with YARP. The caller's deadline travels on (less the time spent here), and a
/// call without one gets the gateway's default, so that no downstream call waits forever. A service that does not
/// answer in time, or cannot be reached, gets DEADLINE_EXCEEDED or UNAVAILABLE naming it.
/// </summary>
public sealed partial class ServiceForwarder(IHttpForwarder forwarder, ILogger<ServiceForwarder> logger) : IDisposable
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    // A stream from the service (the accounting feed's subscription, a lead import's progress) lasts as long as its
    // caller wants, without a deadline of the gateway's; one quiet for this long is closed, and its caller resumes from
    // its last position (sends the same file again).
    private static readonly TimeSpan StreamIdleLimit = TimeSpan.FromHours(1);

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    });

    public async Task ForwardAsync(HttpContext http, ServiceRoute route, string destination)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(route);
        var started = Stopwatch.GetTimestamp();

        // The gateway answers a little before its caller gives up, and the service a little before the gateway.
        var asked = GrpcTimeout.Parse(http.Request.Headers[GrpcTimeout.Header]);
        if (asked is null && IsSubscription(http, route))
        {
            await forwarder.SendAsync(http, destination, _client, new ForwarderRequestConfig
            {
                ActivityTimeout = StreamIdleLimit,
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            });
            return;
        }

        var ours = GrpcTimeout.ForNextHop(asked ?? DefaultDeadline);
        var config = new ForwarderRequestConfig
        {
            ActivityTimeout = ours,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var theirs = GrpcTimeout.ForNextHop(ours);
        var error = await forwarder.SendAsync(http, destination, _client, config, new DeadlineTransformer(theirs));
        // Only a service that did not answer is turned into a status here: YARP then answers 502 or 504 itself. YARP also
        // reports a request body that the service stopped reading once it had answered (a message over the service's
        // size limit, a request that is not gRPC), with the service's answer already relayed: that answer stands.
        if (error == ForwarderError.None || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested
            || http.Response.StatusCode is not (StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout))
        {
            return;
        }

        // A service whose own deadline passed resets the call as it gives up, which can reach YARP as a failed request
        // rather than as the service's DEADLINE_EXCEEDED: past that deadline, a failure is the deadline's.
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (error == ForwarderError.RequestTimedOut || elapsed >= theirs)
        {
            Log.DownstreamTimedOut(logger, http.Request.Path, route.Owner.Name, elapsed.TotalMilliseconds);
            GrpcStatusResponse.Write(http, new Status(StatusCode.DeadlineExceeded, $"the {route.Owner.Name} service did not answer {http.Request.Path} within {ours.TotalMilliseconds:F0} ms"));
            return;
        }

        Log.DownstreamUnreachable(logger, http.Request.Path, route.Owner.Name, error);
        GrpcStatusResponse.Write(http, Status.Unavailable($"the {route.Owner.Name} service cannot be reached for {http.Request.Path}; try again shortly"));
    }

    public void Dispose() => _client.Dispose();

    private static bool IsSubscription(HttpContext http, ServiceRoute route) =>
        http.Request.RouteValues["method"] is string method && route.Descriptor.FindMethodByName(method) is { IsServerStreaming: true };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "gRPC call {Method} could not reach the {Service} service: {Error}")]
        public static partial void DownstreamUnreachable(ILogger logger, string method, string service, ForwarderError error);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "gRPC call {Method} got no answer from the {Service} service within {ElapsedMs:0} ms, its deadline")]
        public static partial void DownstreamTimedOut(ILogger logger, string method, string service, double elapsedMs);
    }
}
