namespace Crm.Grpc.Protocol;

/// <summary>Names and numbers of the gRPC wire protocol over HTTP/2 (and gRPC-Web).</summary>
public static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string WebContentType = "application/grpc-web";
    public const string WebTextContentType = "application/grpc-web-text";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string Identity = "identity";
    public const string Gzip = "gzip";

    /// <summary>What we accept and can send, in the form of <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>A frame's prefix: one flag byte and a four-byte big-endian length.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>The default maximum size of one message, both ways (4 MiB, as in other gRPC servers).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>The flag of a gRPC-Web frame that carries trailers instead of a message.</summary>
    public const byte WebTrailerFlag = 0x80;
}
