namespace Crm.Identity.Clients;

/// <summary>An application people sign in to with a code and PKCE; confidential when it has a secret.</summary>
public sealed class PeopleClient
{
    public string ClientId { get; set; } = string.Empty;

    public string? Secret { get; set; }

    /// <summary>A file holding the secret (a mounted secret), so that it is in no environment variable.</summary>
    public string? SecretFile { get; set; }

    public IList<Uri> RedirectUris { get; } = [];

    public IList<Uri> PostLogoutRedirectUris { get; } = [];
}
