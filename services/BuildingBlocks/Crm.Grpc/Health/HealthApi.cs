using Crm.Grpc.Health.V1;
using Crm.Grpc.Server;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Crm.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Crm.Grpc.Health;

/// <summary>
/// <c>grpc.health.v1.Health</c>, answered from the same checks as <c>/health</c>: SERVING while the database and the
/// broker are reachable. The server as a whole is asked for with an empty name, a mapped service by its full name.
/// </summary>
public sealed class HealthApi(HealthCheckService health, GrpcServiceRegistry registry, IOptions<GrpcServerOptions> options) : IGrpcService
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services[0];

    public async Task<GrpcResult<HealthCheckResponse>> Check(HealthCheckRequest request, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!IsKnown(request.Service))
        {
            return Status.NotFound($"service '{request.Service}' is not served here");
        }

        return new HealthCheckResponse { Status = await ReadAsync(context.CancellationToken) };
    }

    /// <summary>Sends the status now and then whenever it changes, until the client goes away.</summary>
    public async IAsyncEnumerable<HealthCheckResponse> Watch(HealthCheckRequest request, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ServingStatus? last = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var now = IsKnown(request.Service) ? await ReadAsync(context.CancellationToken) : ServingStatus.ServiceUnknown;
            if (now != last)
            {
                last = now;
                yield return new HealthCheckResponse { Status = now };
            }

            if (!await WaitAsync(options.Value.HealthWatchInterval, context.CancellationToken))
            {
                yield break;
            }
        }
    }

    private bool IsKnown(string service) => service.Length == 0 || registry.Contains(service);

    private async Task<ServingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), cancellationToken);
        return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
    }

    /// <summary>Waits for the next look; false when the client went away meanwhile.</summary>
    private static async Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await Task.Delay(interval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !cancellationToken.IsCancellationRequested;
    }
}
