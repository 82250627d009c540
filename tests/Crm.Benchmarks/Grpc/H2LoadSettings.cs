namespace Crm.Benchmarks.Grpc;

/// <summary>The same load for every server compared.</summary>
public sealed record H2LoadSettings(int Connections, int Streams, TimeSpan Duration, TimeSpan WarmUp);
