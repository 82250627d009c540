namespace Crm.Identity;

/// <summary>The identity service's configuration (section <c>Identity</c>).</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer its tokens name; by default the address it was reached at.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>
    /// Serve OpenID Connect over plain HTTP: only where the service listens on loopback (the app host's local run, the
    /// tests); anywhere else it sits behind TLS and refuses plain requests.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Wrong passwords in a row that lock a person's sign-ins, and for how long.</summary>
    public People.SignInLockout Lockout { get; set; } = new();

    /// <summary>When set, the demo company's people (<see cref="People.DemoDirectory"/>) can sign in with it.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>A file holding <see cref="DemoPassword"/> (a mounted secret), so that it is in no environment variable.</summary>
    public string? DemoPasswordFile { get; set; }

    /// <summary>The demo password, from the setting or its file; null when neither is set.</summary>
    public string? ReadDemoPassword() => DemoPassword ?? SecretFile.Read(DemoPasswordFile);

    /// <summary>Machine clients (client credentials), each with its secret and the roles it acts with.</summary>
    public IList<Clients.MachineClient> MachineClients { get; } = [];

    /// <summary>Clients that sign people in with a code and PKCE (the web app); the command line's is always there.</summary>
    public IList<Clients.PeopleClient> PeopleClients { get; } = [];
}
