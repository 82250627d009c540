namespace Crm.Identity.Clients;

/// <summary>A system that calls the platform on its own behalf (an accounting system, an integration).</summary>
public sealed class MachineClient
{
    public string ClientId { get; set; } = string.Empty;

    public string? Secret { get; set; }

    /// <summary>A file holding the secret (a mounted secret), so that it is in no environment variable.</summary>
    public string? SecretFile { get; set; }

    public IList<string> Roles { get; } = [];

    /// <summary>The accounting feed's event types it receives (<c>crm.orders.invoice_issued</c>...); none: every
    /// type its roles allow is refused to it (docs/feed.md).</summary>
    public IList<string> FeedTypes { get; } = [];
}
