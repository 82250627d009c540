using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Server;

/// <summary>The gRPC server's log messages.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC call {Method} failed in its handler (trace {TraceId})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string method, string traceId);
}
