extern alias gateway;

using gateway::Crm.Leads.Grpc.V1;

namespace Crm.Benchmarks;

/// <summary>The import measured: its last answer, how long it took, and the process's memory around it.</summary>
internal sealed record ImportRun(LeadImport Result, double Seconds, long Before, long Peak, (long BeforeMark, long AfterMark) Halves, long ManagedPeak);
