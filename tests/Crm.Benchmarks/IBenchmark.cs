namespace Crm.Benchmarks;

/// <summary>One measured comparison, found by the runner through reflection and chosen by <see cref="Name"/>.</summary>
public interface IBenchmark
{
    /// <summary>What <c>./build.sh bench NAME</c> calls it (grpc, events).</summary>
    string Name { get; }

    /// <summary>Runs ours and the baseline one after the other, with the same settings, and returns the figures.</summary>
    Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken);
}
