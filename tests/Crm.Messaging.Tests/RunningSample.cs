using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.Tests;

/// <summary>
/// A sample host started in this process, stopped when disposed. Disposing an <see cref="IHost"/> alone skips the
/// hosted services' stop, which would leave its bus consuming and reconnecting beside the tests that follow.
/// </summary>
internal sealed class RunningSample(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(bound.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
