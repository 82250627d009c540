using System.Security.Claims;
using Crm.Grpc.Security;
using Crm.Identity.People;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Endpoints;

/// <summary>What a token says of its holder: subject, name, roles and team, for the platform's APIs.</summary>
internal static class Principals
{
    /// <summary>A person, with the teams below theirs in the sales hierarchy and the scopes they asked for that the
    /// platform knows.</summary>
    public static ClaimsPrincipal Of(Person person, IReadOnlyList<string> teamsBelow, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, person.UserName)
            .SetClaim(Claims.Name, person.DisplayName)
            .SetClaim(Claims.PreferredUsername, person.UserName)
            .SetClaims(Claims.Role, [.. person.Roles]);
        if (person.Team is not null)
        {
            identity.SetClaim(CrmClaims.Team, person.Team);
        }

        if (teamsBelow.Count > 0)
        {
            identity.SetClaims(CrmClaims.TeamBelow, [.. teamsBelow]);
        }

        return Finish(identity, scopes);
    }

    /// <summary>A machine client, acting with the roles and the accounting feed grants it was registered with.</summary>
    public static ClaimsPrincipal Of(string clientId, IEnumerable<string> roles, IEnumerable<string> feedTypes, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, clientId)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaims(CrmClaims.FeedType, [.. feedTypes]);
        return Finish(identity, scopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        if (identity.HasScope(CrmClaims.ApiScope))
        {
            // Only a token asked for the platform's APIs is good at them.
            identity.SetResources(CrmClaims.Audience);
        }

        // Everything it says goes into the access token (the APIs decide with it); the identity token, for the web
        // app, carries the name and roles only when the profile and roles scopes were asked for.
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername or CrmClaims.Team when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Role when identity.HasScope(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
