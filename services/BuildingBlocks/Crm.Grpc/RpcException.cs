namespace Crm.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Clients receive it from failed calls; handlers may throw it where
/// returning a <see cref="GrpcResult{T}"/> is not possible (inside a stream).
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message);
        Trailers = new Metadata();
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.Code;

    /// <summary>The trailing metadata that came with the status.</summary>
    public Metadata Trailers { get; }
}
