using System.Diagnostics.Metrics;

namespace Crm.Gateway.Features.RefusalAudit;

/// <summary>The gateway's own metrics (meter <c>Crm.Gateway</c>, exported with the service defaults' <c>Crm.*</c>).</summary>
internal static class GatewayTelemetry
{
    private static readonly Meter Meter = new("Crm.Gateway");

    internal static readonly Counter<long> UnreportedRefusals =
        Meter.CreateCounter<long>("crm.gateway.refusals.unreported", "{call}", "Refused calls not reported to their owners' audit trails because too many were waiting");
}
