using System.Diagnostics;
using Crm.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Server;

/// <summary>Answers a gRPC call to a service or method this server does not have with UNIMPLEMENTED.</summary>
internal sealed class UnimplementedMethod(GrpcCors cors)
{
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var format = ContentTypes.Parse(http.Request.ContentType);
        if (format == WireProtocol.None)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (await CallGate.RejectAsync(http, format))
        {
            return;
        }

        cors.Apply(http);
        var service = http.Request.RouteValues["service"]?.ToString() ?? string.Empty;
        var method = http.Request.RouteValues["method"]?.ToString() ?? string.Empty;
        var context = new CallContext(http, http.Request.Path, null, http.RequestAborted);
        var status = new Status(StatusCode.Unimplemented, $"{http.Request.Path} is not served here");
        await new ResponseWriter(http, format, context, compress: false, GrpcProtocol.DefaultMaxMessageSize).CompleteAsync(status);
        CallGate.Record(http, service, method, status, started);
    }
}
