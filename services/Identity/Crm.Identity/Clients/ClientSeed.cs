using System.Text.Json;
using Crm.Grpc.Security;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Clients;

/// <summary>
/// Registers the clients that configuration names (and the command line's), creating or updating each so that a
/// changed secret, redirect or role takes effect at the next start.
/// </summary>
internal sealed partial class ClientSeed(
    IServiceScopeFactory scopes,
    IOptions<IdentityServiceOptions> options,
    ILogger<ClientSeed> logger)
{
    /// <summary>The command line's public client: a code with PKCE, redirected to a loopback address nobody serves.</summary>
    public const string CommandLineClient = "crm-cli";

    public static readonly Uri CommandLineRedirect = new("http://127.0.0.1/callback");

    /// <summary>The property of a machine client that holds its roles.</summary>
    public const string RolesProperty = "roles";

    /// <summary>The application property holding a machine client's accounting feed grants.</summary>
    public const string FeedTypesProperty = "feed_types";

    public async Task SeedAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var settings = options.Value;
        await SaveAsync(manager, PeopleApplication(CommandLineClient, null, [CommandLineRedirect], []), stoppingToken);
        foreach (var client in settings.PeopleClients)
        {
            await SaveAsync(manager, PeopleApplication(client.ClientId, client.Secret ?? SecretFile.Read(client.SecretFile), client.RedirectUris, client.PostLogoutRedirectUris), stoppingToken);
        }

        foreach (var client in settings.MachineClients)
        {
            await SaveAsync(manager, MachineApplication(client), stoppingToken);
        }

        LogRegistered(1 + settings.PeopleClients.Count, settings.MachineClients.Count);
    }

    private static OpenIddictApplicationDescriptor PeopleApplication(string clientId, string? secret, IEnumerable<Uri> redirects, IEnumerable<Uri> postLogout)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = clientId,
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(redirects);
        descriptor.PostLogoutRedirectUris.UnionWith(postLogout);
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + CrmClaims.ApiScope,
        ]);
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor MachineApplication(MachineClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.Secret ?? SecretFile.Read(client.SecretFile)
                ?? throw new InvalidOperationException($"machine client {client.ClientId} has neither Secret nor SecretFile"),
            ClientType = ClientTypes.Confidential,
            DisplayName = client.ClientId,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + CrmClaims.ApiScope]);
        descriptor.Properties[RolesProperty] = JsonSerializer.SerializeToElement(client.Roles);
        descriptor.Properties[FeedTypesProperty] = JsonSerializer.SerializeToElement(client.FeedTypes);
        return descriptor;
    }

    private static async Task SaveAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await manager.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clients: {People} for people and {Machines} machine clients registered")]
    private partial void LogRegistered(int people, int machines);
}
