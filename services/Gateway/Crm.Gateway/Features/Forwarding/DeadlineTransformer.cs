using Crm.Grpc;
using Yarp.ReverseProxy.Forwarder;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>YARP's default request transform, with the caller's <c>grpc-timeout</c> replaced by the time the service
/// gets: a little less than the gateway keeps, so that the service gives up first and says so.</summary>
internal sealed class DeadlineTransformer(TimeSpan serviceDeadline) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Remove(GrpcTimeout.Header);
        proxyRequest.Headers.TryAddWithoutValidation(GrpcTimeout.Header, GrpcTimeout.Format(serviceDeadline));
    }
}
