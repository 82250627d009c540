using System.Threading.Channels;
using Crm.Gateway.Features.Forwarding;
using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;

namespace Crm.Gateway.Features.RefusalAudit;

/// <summary>
/// The gateway's refusals, reported to the service that owns each method so that they are in its audit trail as the
/// refusals it makes itself are (the gateway keeps no trail). The caller has its answer at once; reports wait in a
/// bounded queue and are sent in the background. When a flood of refused calls fills the queue, the excess is counted
/// and logged, not recorded: a refused caller must not be able to make the platform write without bound.
/// </summary>
internal sealed partial class GatewayRefusals(IConfiguration configuration, ILogger<GatewayRefusals> logger) : IAccessAudit
{
    /// <summary>Where the refusals of the gateway's own methods (the customer view, the audit trail, personal data)
    /// are recorded: the customer master, which the view is composed around.</summary>
    internal static CrmService HomeOfGatewayMethods => CrmResources.Opportunities;

    // A method every service with a database serves: a report of a gateway method is sent to it, naming the method.
    private const string AlwaysServed = "/crm.audit.v1.AuditService/ListAuditRecords";

    private readonly Channel<RefusalReport> _queue = Channel.CreateBounded<RefusalReport>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    internal ChannelReader<RefusalReport> Reports => _queue.Reader;

    public Task RecordDenialAsync(HttpContext refused, StatusCode status, string reason)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var method = refused.Request.Path.Value ?? string.Empty;
        if (!MethodAccess.Knows(method) || Owner(method) is not { } owner || configuration[owner.GrpcEndpointKey] is not { Length: > 0 } address)
        {
            return Task.CompletedTask;
        }

        var authorization = refused.Request.Headers.Authorization.ToString();
        var report = new RefusalReport(new Uri(address), method, authorization.Length == 0 ? null : authorization, refused.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!_queue.Writer.TryWrite(report))
        {
            GatewayTelemetry.UnreportedRefusals.Add(1);
            LogQueueFull(method, status);
        }

        return Task.CompletedTask;
    }

    /// <summary>The path to call at the owner: the method itself when the owner serves it, the trail's otherwise.</summary>
    internal static string PathAtOwner(string method) => Route(method) is null ? AlwaysServed : method;

    private static CrmService? Owner(string method) => Route(method)?.Owner ?? (method.StartsWith("/crm.gateway.v1.", StringComparison.Ordinal) ? HomeOfGatewayMethods : null);

    private static ServiceRoute? Route(string method) =>
        ServiceRoutes.All.FirstOrDefault(r => method.StartsWith($"/{r.ProtoService}/", StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} with {Status}; too many refusals are waiting to be reported, so this one is not")]
    private partial void LogQueueFull(string method, StatusCode status);
}
