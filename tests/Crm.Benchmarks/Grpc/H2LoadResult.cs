namespace Crm.Benchmarks.Grpc;

/// <summary>What h2load reported for one run.</summary>
public sealed record H2LoadResult(double RequestsPerSecond, long Succeeded, long Failed, long Status2xx);
