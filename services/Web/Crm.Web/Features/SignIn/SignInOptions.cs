namespace Crm.Web.Features.SignIn;

/// <summary>How the web app signs people in (section <c>SignIn</c>; the authority is <c>Identity:Authority</c>, as for every service).</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>The web app's client id at the identity service.</summary>
    public string ClientId { get; set; } = "crm-web";

    /// <summary>A file holding the client's secret (a mounted secret), so that it is in no environment variable.</summary>
    public string? ClientSecretFile { get; set; }

    /// <summary>Refresh the access token this long before it expires.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(5);
}
