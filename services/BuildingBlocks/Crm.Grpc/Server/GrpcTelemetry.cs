using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Grpc.Server;

/// <summary>
/// The gRPC layer's metrics (meter <c>Crm.Grpc</c>): calls and their durations by service, method and status,
/// named after OpenTelemetry's RPC conventions, and the client's activity source.
/// </summary>
internal static class GrpcTelemetry
{
    public const string Name = "Crm.Grpc";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ServerCalls = Meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls served, by method and status");

    public static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>("rpc.server.call.duration", "s", "How long served gRPC calls took");

    public static readonly Counter<long> ClientCalls = Meter.CreateCounter<long>("rpc.client.calls", "{call}", "gRPC calls made, by method and status");

    public static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>("rpc.client.call.duration", "s", "How long gRPC calls took, as the caller saw it");

    public static TagList Tags(string service, string method, StatusCode code) => new()
    {
        { "rpc.system", "grpc" },
        { "rpc.service", service },
        { "rpc.method", method },
        { "rpc.grpc.status_code", (int)code },
    };
}
