namespace Crm.Benchmarks;

/// <summary>The highest working set of this process while it runs, sampled every 100 ms.</summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak = Environment.WorkingSet;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    /// <summary>Stops sampling and returns the peak in bytes.</summary>
    public long Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
        return Interlocked.Read(ref _peak);
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
        }
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }
}
