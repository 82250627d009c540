namespace Crm.Grpc.Hosting;

/// <summary>Settings of a CrmPlatform gRPC server, bound from the <c>Grpc</c> configuration section.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>gRPC's customary limit: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>The largest message a client may send; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>The largest message the server sends; a larger response ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary><c>gzip</c> to compress responses for clients that accept it; null (the default) sends them plain.</summary>
    public string? ResponseCompression { get; set; }

    /// <summary>Browser origins allowed to call over gRPC-Web (CORS), e.g. <c>https://crm.example.com</c>; none by default.</summary>
    public IList<string> CorsOrigins { get; } = [];
}
