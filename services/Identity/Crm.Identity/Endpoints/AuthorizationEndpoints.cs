using System.Security.Claims;
using System.Text.Json;
using Crm.Identity.Clients;
using Crm.Identity.Data;
using Crm.Identity.People;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        if (request.HasPromptValue(PromptValues.None) && person is null)
        {
            return Refuse(Errors.LoginRequired, "the person is not signed in");
        }

        if (person is null || request.HasPromptValue(PromptValues.Login))
        {
            // Back here after the sign-in page, with the request's parameters (a POSTed request's too) but without
            // prompt=login, which would send the person to the page again and again. A plain IResult (not a typed one),
            // so that the cookie handler redirects to the page rather than answering 401.
            var parameters = request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()));
            var back = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        return await SignInAsync(db, person, request.GetScopes(), context.RequestAborted);
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

            // A machine acts under its client id: one that is also a person's user name would write in that person's name.
            if (await FindPersonAsync(db, request.ClientId, context.RequestAborted) is not null)
            {
                return Refuse(Errors.InvalidClient, "the client id is a person's user name: register the client under another id");
            }

            var properties = await applications.GetPropertiesAsync(client, context.RequestAborted);
            var roles = properties.TryGetValue(ClientSeed.RolesProperty, out var stored) ? stored.Deserialize<string[]>() ?? [] : [];
            var feedTypes = properties.TryGetValue(ClientSeed.FeedTypesProperty, out var granted) ? granted.Deserialize<string[]>() ?? [] : [];
            return Results.SignIn(Principals.Of(request.ClientId!, roles, feedTypes, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
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

            return await SignInAsync(db, person, result.Principal!.GetScopes(), context.RequestAborted);
        }

        return Refuse(Errors.UnsupportedGrantType, "this grant type is not supported");
    }

    /// <summary>Issues the person's tokens, with the teams below theirs as the directory has them now.</summary>
    private static async Task<IResult> SignInAsync(IdentityDbContext db, Person person, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var hierarchy = await SalesHierarchy.LoadAsync(db, cancellationToken);
        var principal = Principals.Of(person, hierarchy.TeamsBelow(person.UserName, person.Team), scopes);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, IdentityDbContext db)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var person = await FindPersonAsync(db, result.Principal?.GetClaim(Claims.Subject), context.RequestAborted);
        if (person is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // Only what the scopes the token was given allow.
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = person.UserName };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = person.DisplayName;
            claims[Claims.PreferredUsername] = person.UserName;
            claims[Grpc.Security.CrmClaims.Team] = person.Team;
        }

        if (result.Principal!.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = person.Roles;
        }

        return Results.Ok(claims);
    }

    /// <summary>
    /// Signs the person out. A link alone (an image, another site's page) must not do it: without the
    /// <c>id_token_hint</c> that only the application the person signed in to holds, a GET asks first, and the answer
    /// comes back as a POST protected against cross-site posts.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var hinted = !string.IsNullOrEmpty(context.GetOpenIddictServerRequest()?.IdTokenHint);
        if (!hinted && HttpMethods.IsGet(context.Request.Method))
        {
            return LogoutPage.Ask(context, antiforgery);
        }

        if (!hinted && !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

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
