namespace Crm.Grpc.Client;

/// <summary>How one call is made.</summary>
public sealed record CallOptions
{
    /// <summary>Custom metadata sent as request headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>How long the caller waits; sent as <c>grpc-timeout</c> so the server stops too. Null: the
    /// channel's default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: no deadline (a long watch).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the call (the server sees a reset stream).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Compress the request message with gzip.</summary>
    public bool CompressRequest { get; init; }
}
