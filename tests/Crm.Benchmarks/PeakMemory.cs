namespace Crm.Benchmarks;

/// <summary>
/// The highest working set of this process while it runs, sampled every 100 ms, overall and since a mark (so that a
/// run can show whether memory still grows in its second half), and the most the garbage collector held committed.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak = Environment.WorkingSet;
    private long _sinceMark;
    private long _atMark;
    private long _managedPeak = GC.GetGCMemoryInfo().TotalCommittedBytes;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    /// <summary>The most memory the garbage collector held committed at one sample (part of the working set).</summary>
    public long ManagedPeak => Interlocked.Read(ref _managedPeak);

    /// <summary>The peak up to <see cref="Mark"/>, and the peak after it.</summary>
    public (long BeforeMark, long AfterMark) Halves => (Interlocked.Read(ref _atMark), Interlocked.Read(ref _sinceMark));

    /// <summary>Notes the peak so far and starts the peak after the mark afresh.</summary>
    public void Mark()
    {
        Sample();
        Interlocked.Exchange(ref _atMark, Interlocked.Read(ref _peak));
        Interlocked.Exchange(ref _sinceMark, Environment.WorkingSet);
    }

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
        Raise(ref _peak, now);
        Raise(ref _sinceMark, now);
        Raise(ref _managedPeak, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    private static void Raise(ref long peak, long now)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref peak);
        }
        while (now > seen && Interlocked.CompareExchange(ref peak, now, seen) != seen);
    }
}
