namespace Crm.Identity.Clients;

/// <summary>A system that calls the platform on its own behalf (an accounting system, an integration).</summary>
public sealed class MachineClient
{
    public string ClientId { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    public IList<string> Roles { get; } = [];
}
