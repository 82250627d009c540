namespace Crm.Grpc.Protocol;

/// <summary>Which flavour of the protocol a request speaks, from its content type.</summary>
public enum WireProtocol
{
    /// <summary>Not gRPC at all (answered with HTTP 415).</summary>
    None,

    /// <summary>gRPC over HTTP/2: status in trailers.</summary>
    Grpc,

    /// <summary>gRPC-Web, binary: trailers in a final body frame; HTTP/1.1 or HTTP/2.</summary>
    GrpcWeb,

    /// <summary>gRPC-Web with the body in base64, for clients that cannot handle binary bodies.</summary>
    GrpcWebText,
}
