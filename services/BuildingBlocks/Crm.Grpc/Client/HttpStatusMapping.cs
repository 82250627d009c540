using System.Net;

namespace Crm.Grpc.Client;

/// <summary>The status a call ends with when the HTTP response is not a gRPC one (as the gRPC spec maps them).</summary>
internal static class HttpStatusMapping
{
    public static Status ToStatus(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => new(StatusCode.Internal, "HTTP 400 Bad Request"),
        HttpStatusCode.Unauthorized => new(StatusCode.Unauthenticated, "HTTP 401 Unauthorized"),
        HttpStatusCode.Forbidden => new(StatusCode.PermissionDenied, "HTTP 403 Forbidden"),
        HttpStatusCode.NotFound => new(StatusCode.Unimplemented, "HTTP 404 Not Found"),
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout =>
            new(StatusCode.Unavailable, $"HTTP {(int)code} {code}"),
        _ => new(StatusCode.Unknown, $"HTTP {(int)code} {code}"),
    };
}
