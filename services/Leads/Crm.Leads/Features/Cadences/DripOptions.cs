namespace Crm.Leads.Features.Cadences;

/// <summary>Drip marketing's settings (section <c>Drip</c>).</summary>
public sealed class DripOptions
{
    public const string Section = "Drip";

    /// <summary>How often the scheduler looks for due steps and new leads to join cadences.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Steps run per transaction: their rows stay locked while their e-mails go out.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The SMTP server e-mails go to, as <c>smtp://host:port</c> (no TLS: a relay on the same network).</summary>
    public Uri Smtp { get; set; } = new("smtp://127.0.0.1:25");

    public string FromAddress { get; set; } = "marketing@crm.example.com";

    public string FromName { get; set; } = "CrmPlatform Marketing";

    /// <summary>The public address of the opt-out page: the web app's, which passes it to this service's own
    /// (<see cref="OptOutEndpoints"/>); each e-mail links to it with its token.</summary>
    public Uri OptOutAddress { get; set; } = new("http://127.0.0.1:8080/opt-out/");
}
