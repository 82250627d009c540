using System.Diagnostics;

namespace CrmPlatform.LocalServers;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Poll
{
    /// <summary>Calls <paramref name="probe"/> until it returns true; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            if (await probe(cancellationToken))
            {
                return true;
            }

            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>The same, for a condition that needs no I/O.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        UntilAsync(_ => Task.FromResult(condition()), timeout, cancellationToken);
}
