namespace Crm.Testing;

/// <summary>"Now" that a test moves forward, so that invoices fall due without waiting; timers stay real.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
