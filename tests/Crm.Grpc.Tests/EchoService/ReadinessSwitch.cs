namespace Crm.Grpc.Tests.EchoService;

/// <summary>Stands in for the database and broker checks: a test turns readiness off and on.</summary>
public sealed class ReadinessSwitch
{
    public bool Ready { get; set; } = true;
}
