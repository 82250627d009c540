using System.Security.Claims;
using System.Text.Json;
using Crm.Identity.Clients;
using Crm.Identity.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity.Endpoints;

/// <summary>
/// The OpenID Connect endpoints OpenIddict hands over after checking the protocol (client, secret, PKCE, redirect):
/// who the token is for is decided here, always from the directory's current state.
/// </summary>
internal static class AuthorizationEndpoints
{
    public static WebApplication MapAuthorizationEndpoints(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapPost("/connect/token", TokenAsync);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync);
        return app;
    }

    /// <summary>A signed-in person gets a code; anyone else goes to the sign-in page and comes back here.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, IdentityDbContext db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var signedIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var person = signedIn.Succeeded ? await FindPersonAsync(db, signedIn.Principal.Identity?.Name, context.RequestAborted) : null;
        if (person is null || request.HasPromptValue(PromptValues.Login))
        {
            // A plain IResult (not a typed one), so that the cookie handler redirects to the page rather than answering 401.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.GetEncodedPathAndQuery() }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        return Results.SignIn(Principals.Of(person, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IdentityDbContext db, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret; its roles are those it was registered with.
            var client = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
            if (client is null)
            {
                return Refuse(Errors.InvalidClient, "the client is not registered");
            }

            var properties = await applications.GetPropertiesAsync(client, context.RequestAborted);
            var roles = properties.TryGetValue(ClientSeed.RolesProperty, out var stored) ? stored.Deserialize<string[]>() ?? [] : [];
            return Results.SignIn(Principals.Of(request.ClientId!, roles, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token names the person; what they may do is read again, so that a changed role or a
            // removed person takes effect at the next refresh.
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var person = await FindPersonAsync(db, result.Principal?.GetClaim(Claims.Subject), context.RequestAborted);
            if (person is null)
            {
                return Refuse(Errors.InvalidGrant, "the person this token was issued to can no longer sign in");
            }

            return Results.SignIn(Principals.Of(person, result.Principal!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "this grant type is not supported");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, IdentityDbContext db)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var person = await FindPersonAsync(db, result.Principal?.GetClaim(Claims.Subject), context.RequestAborted);
        if (person is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Ok(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Claims.Subject] = person.UserName,
            [Claims.Name] = person.DisplayName,
            [Claims.PreferredUsername] = person.UserName,
            [Claims.Role] = person.Roles,
            [Grpc.Security.CrmClaims.Team] = person.Team,
        });
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<People.Person?> FindPersonAsync(IdentityDbContext db, string? userName, CancellationToken cancellationToken) =>
        userName is null ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == userName, cancellationToken);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
