using Crm.Grpc.Security;
using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.AppHost.Resources;

/// <summary>The identity service as a local run has it, and the services that trust it.</summary>
public static class IdentityBuilderExtensions
{
    /// <summary>The machine client an accounting system uses locally (client credentials, role accounting, every feed type).</summary>
    public const string AccountingClient = "accounting-system";

    /// <summary>
    /// Its issuer is its own address; it serves plain HTTP since it listens on loopback only; the demo people sign in
    /// with the run's demo password; and a machine client for an accounting system is registered.
    /// </summary>
    public static IResourceBuilder<CrmServiceResource> WithLocalDirectory(this IResourceBuilder<CrmServiceResource> identity, LocalSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(secrets);
        // The accounting system is granted every type of the accounting feed (docs/feed.md).
        foreach (var (type, i) in Crm.Contracts.Feed.FeedCatalogue.Types.Select((t, i) => (t.Type, i)))
        {
            identity.WithEnvironment($"Identity__MachineClients__0__FeedTypes__{i}", type);
        }

        return identity
            .WithEnvironment("Identity__Issuer", identity.GetEndpoint(CrmResources.HttpEndpoint))
            .WithEnvironment("Identity__AllowPlainHttp", "true")
            // Files, not values: environment variables are shown on the dashboard.
            .WithEnvironment("Identity__DemoPasswordFile", secrets.DemoPasswordFile)
            .WithEnvironment("Identity__MachineClients__0__ClientId", AccountingClient)
            .WithEnvironment("Identity__MachineClients__0__SecretFile", secrets.ClientSecretFile(AccountingClient))
            .WithEnvironment("Identity__MachineClients__0__Roles__0", CrmRoles.Accounting);
    }

    /// <summary>The web app people sign in to (code with PKCE; a confidential client).</summary>
    public const string WebClient = "crm-web";

    /// <summary>
    /// People sign in to <paramref name="web"/> through the identity service: the web app is registered there as a
    /// confidential client that comes back to its own address, and gets its id and secret (as a file) and the authority.
    /// </summary>
    public static IResourceBuilder<CrmServiceResource> SigningPeopleInTo(
        this IResourceBuilder<CrmServiceResource> identity, IResourceBuilder<CrmServiceResource> web, LocalSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(secrets);
        var address = web.GetEndpoint(CrmResources.HttpEndpoint);
        identity
            .WithEnvironment("Identity__PeopleClients__0__ClientId", WebClient)
            .WithEnvironment("Identity__PeopleClients__0__SecretFile", secrets.ClientSecretFile(WebClient))
            .WithEnvironment("Identity__PeopleClients__0__RedirectUris__0", ReferenceExpression.Create($"{address}/signin-oidc"))
            .WithEnvironment("Identity__PeopleClients__0__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{address}/signout-callback-oidc"));
        web.TrustingTokensOf(identity)
            .WithEnvironment("SignIn__ClientId", WebClient)
            .WithEnvironment("SignIn__ClientSecretFile", secrets.ClientSecretFile(WebClient));
        return identity;
    }

    /// <summary>The service accepts the identity service's tokens (its discovery document gives the issuer and keys).</summary>
    public static IResourceBuilder<CrmServiceResource> TrustingTokensOf(this IResourceBuilder<CrmServiceResource> service, IResourceBuilder<CrmServiceResource> identity)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(identity);
        return service.WithEnvironment("Identity__Authority", identity.GetEndpoint(CrmResources.HttpEndpoint));
    }
}
