using System.Collections.Concurrent;

namespace Crm.Grpc.Client;

/// <summary>One channel (one HTTP/2 connection pool) per target, shared by everyone in the process.</summary>
public sealed class GrpcChannelPool(GrpcChannelOptions? options = null) : IDisposable
{
    private readonly ConcurrentDictionary<Uri, GrpcChannel> _channels = new();

    public GrpcChannel For(Uri address) => _channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a, options));

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
