using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Telemetry configuration read from the standard OpenTelemetry variables (as Aspire and Kubernetes set them):
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// (<c>grpc</c>, the default, or <c>http/protobuf</c>) and <c>OTEL_EXPORTER_OTLP_HEADERS</c>.
/// </summary>
public sealed record TelemetrySettings(string ServiceName, Uri? OtlpEndpoint, OtlpExportProtocol Protocol, string? Headers)
{
    /// <summary>Exporters are on only when a collector endpoint is configured.</summary>
    public bool Exports => OtlpEndpoint is not null;

    public static TelemetrySettings From(IConfiguration configuration, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"];
        return new TelemetrySettings(
            configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : applicationName,
            string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint, UriKind.Absolute),
            string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
            configuration["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    /// <summary>Points an exporter at the collector; <paramref name="signal"/> is traces, metrics or logs.</summary>
    public void Apply(OtlpExporterOptions options, string signal)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OtlpEndpoint is null)
        {
            return;
        }

        options.Protocol = Protocol;

        // Over HTTP each signal has its own path; an endpoint given in code is used as it stands, so add it here.
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(OtlpEndpoint, OtlpEndpoint.AbsolutePath.TrimEnd('/') + "/v1/" + signal)
            : OtlpEndpoint;
        if (Headers is not null)
        {
            options.Headers = Headers;
        }
    }
}
