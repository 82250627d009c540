using System.Collections.Concurrent;

namespace Crm.Grpc.Client;

/// <summary>One channel (one HTTP/2 connection pool) per target, shared by everyone in the process.</summary>
public sealed class GrpcChannelPool(GrpcChannelOptions? options = null) : IDisposable
{
    // Lazy: of two threads asking at once for a new target, only one channel is ever made.
    private readonly ConcurrentDictionary<Uri, Lazy<GrpcChannel>> _channels = new();

    public GrpcChannel For(Uri address) => _channels.GetOrAdd(address, a => new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(a, options))).Value;

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }
}
