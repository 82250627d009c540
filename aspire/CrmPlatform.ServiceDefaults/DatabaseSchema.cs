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

    internal void MarkReady() => _ready.TrySetResult();
}
