namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Whether the service's migrations have been applied. The service starts (and answers <c>/alive</c>) while its
/// database is still unreachable; whatever touches the service's tables awaits <see cref="Ready"/> first, and
/// <c>/health</c> is not ready until then.
/// </summary>
public sealed class DatabaseSchema
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every migration is applied.</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Waits for <see cref="Ready"/>; false when <paramref name="stoppingToken"/> fired first (the service stopped before
    /// its database was ready, which is no failure of a background service).
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Ready.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal void MarkReady() => _ready.TrySetResult();
}
