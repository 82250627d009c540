namespace Crm.Benchmarks;

/// <summary>The flow forecast's timings: the day's first call (seconds), the later ones (milliseconds).</summary>
internal sealed record FlowFigures(double FirstSeconds, double LaterP50, double LaterP99, int Owners, int Steps);
