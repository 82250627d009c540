namespace Crm.Benchmarks;

/// <summary>One measured stage of the events pipeline: how long <paramref name="Events"/> events took, and the CPU spent.</summary>
internal sealed record EventsStage(string Name, int Events, TimeSpan Elapsed, CpuTime Cpu)
{
    public double PerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>CPU microseconds per event, by process.</summary>
    public CpuTime MicrosecondsPerEvent => new(Per(Cpu.Dotnet), Per(Cpu.Postgres), Per(Cpu.RabbitMq));

    private double Per(double seconds) => seconds * 1e6 / Events;
}
