using Crm.Grpc.Protocol;

namespace Crm.Grpc.Server;

/// <summary>Settings of the gRPC server, bound from the <c>Grpc</c> configuration section.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest message a client may send; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest message the server sends; a larger response ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary><c>gzip</c> to compress responses for clients that accept it; null (the default) sends them plain.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Browser origins allowed to call over gRPC-Web (CORS), e.g. <c>https://crm.example.com</c>.</summary>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>How often the health service's Watch looks for a change.</summary>
    public TimeSpan HealthWatchInterval { get; set; } = TimeSpan.FromSeconds(5);
}
