using Crm.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Crm.Grpc.Server;

/// <summary>
/// CORS for gRPC-Web from browsers: origins come from <see cref="GrpcServerOptions.CorsOrigins"/>; a preflight from
/// an allowed origin is answered, and the response lets the page read the gRPC status headers.
/// </summary>
public sealed class GrpcCors(IOptions<GrpcServerOptions> options)
{
    private const string ExposedHeaders = "grpc-status,grpc-message,grpc-encoding,grpc-accept-encoding";
    private readonly HashSet<string> _origins = new(options.Value.CorsOrigins, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when any browser origin is allowed.</summary>
    public bool Enabled => _origins.Count > 0;

    /// <summary>Adds the CORS headers to a call from an allowed origin.</summary>
    public void Apply(HttpContext http)
    {
        if (Allowed(http) is { } origin)
        {
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.AccessControlExposeHeaders = ExposedHeaders;
            http.Response.Headers.Vary = "Origin";
        }
    }

    /// <summary>Answers a preflight: 204 with what the browser may send, or 403 for an origin not allowed.</summary>
    public Task PreflightAsync(HttpContext http)
    {
        if (Allowed(http) is not { } origin)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = "POST, OPTIONS";
        headers.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders.Count > 0
            ? http.Request.Headers.AccessControlRequestHeaders
            : $"content-type,x-grpc-web,x-user-agent,{GrpcProtocol.TimeoutHeader},authorization";
        headers.AccessControlMaxAge = "600";
        headers.Vary = "Origin";
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private string? Allowed(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && _origins.Contains(origin) ? origin : null;
    }
}
