namespace Crm.Benchmarks;

/// <summary>A benchmark's outcome.</summary>
/// <param name="Name">The benchmark.</param>
/// <param name="Summary">What it prints: a line of figures (e.g. <c>grpc unary: crm 1000 rps, ...</c>), and perhaps lines that explain them.</param>
/// <param name="Figures">Every measured number by name, for the JSON report.</param>
/// <param name="Settings">How it was run (connections, duration, message size), so that a figure can be reproduced.</param>
public sealed record BenchmarkResult(
    string Name,
    string Summary,
    IReadOnlyDictionary<string, double> Figures,
    IReadOnlyDictionary<string, string> Settings);
