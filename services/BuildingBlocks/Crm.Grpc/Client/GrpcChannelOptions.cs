using Crm.Grpc.Protocol;

namespace Crm.Grpc.Client;

/// <summary>Settings of a channel to one target.</summary>
public sealed record GrpcChannelOptions
{
    /// <summary>The largest response message accepted.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest request message sent.</summary>
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The deadline of calls that set none. Every call has one, so nothing waits forever.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A handler to send through instead of our own (tests, TLS client certificates).</summary>
    public HttpMessageHandler? Handler { get; init; }
}
