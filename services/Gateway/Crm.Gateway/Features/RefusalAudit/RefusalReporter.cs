using Crm.Grpc.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace Crm.Gateway.Features.RefusalAudit;

/// <summary>
/// Sends the gateway's refusals to their owners, one at a time: a call with the caller's own authorization header and
/// <see cref="GatewayRefusal.Header"/>, which the owner checks, refuses and records. The owner's answer is always a
/// refusal. A report is recorded at most once: it is sent again only when it surely did not arrive (the connection was
/// refused), and one that cannot be delivered in three attempts, or whose answer does not come in time, is logged and
/// dropped.
/// </summary>
internal sealed partial class RefusalReporter(GatewayRefusals refusals, ILogger<RefusalReporter> logger) : BackgroundService
{
    private const int DeliveryAttempts = 3;

    private static readonly Method<byte[], byte[]> Report = new(MethodType.Unary, "report", "refusal", Bytes(), Bytes());

    private readonly Dictionary<Uri, GrpcChannel> _channels = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var report in refusals.Reports.ReadAllAsync(stoppingToken))
            {
                await SendAsync(report, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping; what is still queued goes unreported, as a crash would leave it.
        }
    }

    public override void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        base.Dispose();
    }

    private async Task SendAsync(RefusalReport report, CancellationToken stoppingToken)
    {
        if (!_channels.TryGetValue(report.Owner, out var channel))
        {
            channel = _channels[report.Owner] = GrpcChannel.ForAddress(report.Owner);
        }

        var path = GatewayRefusals.PathAtOwner(report.Method);
        var slash = path.LastIndexOf('/');
        var method = new Method<byte[], byte[]>(MethodType.Unary, path[1..slash], path[(slash + 1)..], Report.RequestMarshaller, Report.ResponseMarshaller);
        var headers = new Metadata { { GatewayRefusal.Header, report.Method }, { "x-forwarded-for", report.ForwardedFor } };
        if (report.Authorization is { } authorization)
        {
            headers.Add("authorization", authorization);
        }

        // An owner that is restarting gets the report again, a few times, before it is dropped. A deadline passed is not
        // tried again: the owner may have recorded the refusal and only been slow to answer, and a second report would
        // put one refusal twice in its trail. The deadline is long for that reason: an owner on a loaded machine may
        // take seconds to answer.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30), stoppingToken), []);
                LogNotRefused(report.Method);
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated)
            {
                // Refused and recorded by the owner, as reported.
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable && NeverConnected(ex) && attempt < DeliveryAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stoppingToken);
            }
            catch (RpcException ex)
            {
                LogNotDelivered(report.Method, ex.StatusCode);
                return;
            }
        }
    }

    /// <summary>Whether the call failed before it was sent: no connection to the owner. UNAVAILABLE alone does not say
    /// so: a connection lost after the report went out ends the same way, and the owner may have recorded it.</summary>
    private static bool NeverConnected(RpcException failure)
    {
        for (var cause = failure.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NetworkUnreachable })
            {
                return true;
            }
        }

        return false;
    }

    private static Marshaller<byte[]> Bytes() => Marshallers.Create(bytes => bytes, bytes => bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "A report of the refusal of {Method} was not refused by its owner")]
    private partial void LogNotRefused(string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A report of the refusal of {Method} could not be delivered ({Status}); the refusal is not in a trail")]
    private partial void LogNotDelivered(string method, StatusCode status);
}
