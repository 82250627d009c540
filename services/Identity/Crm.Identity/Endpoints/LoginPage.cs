using System.Net;
using System.Security.Claims;
using Crm.Identity.Data;
using Crm.Identity.People;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Identity.Endpoints;

/// <summary>
/// The sign-in page the authorization endpoint sends people to: a user name and password form, protected against
/// cross-site posts, that returns only to a local address.
/// </summary>
internal static partial class LoginPage
{
    public const string Path = "/account/login";

    private const string RefusedMessage = "The user name or password is not right, or too many wrong passwords have paused this user's sign-ins for a while.";

    /// <summary>Whom an unknown name is checked against: a hash no password matches.</summary>
    private static readonly Person Nobody = NobodyWithHash();

    public static WebApplication MapLoginPage(this WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) => Page(context, antiforgery, returnUrl, error: null));
        app.MapPost(Path, SignInAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IdentityDbContext db,
        IPasswordHasher<Person> hasher,
        ILoggerFactory loggers,
        IOptions<IdentityServiceOptions> options,
        TimeProvider clock,
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl)
    {
        var name = userName?.Trim() ?? string.Empty;
        var person = name.Length == 0 ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == name, context.RequestAborted);
        // An unknown name costs the same hashing as a wrong password, so that the answer's time does not tell them apart.
        var checkedAgainst = person is { PasswordHash.Length: > 0 } ? person : Nobody;
        var matches = hasher.VerifyHashedPassword(checkedAgainst, checkedAgainst.PasswordHash, password ?? string.Empty) != PasswordVerificationResult.Failed;
        var valid = person is not null && ReferenceEquals(checkedAgainst, person) && password is { Length: > 0 } && matches;
        var logger = loggers.CreateLogger(typeof(LoginPage));

        // Every attempt on a known name is counted before its outcome counts: past the limit even the right password
        // waits, since the pause is what stops the guessing.
        var paused = person is not null && await options.Value.Lockout.IsPausedAfterAttemptAsync(db, person.Id, clock.GetUtcNow(), context.RequestAborted);
        if (paused || !valid)
        {
            // One answer for an unknown name, a wrong password and a pause, so that none tells a name exists; the log
            // names neither the user nor the password.
            if (paused)
            {
                LogPaused(logger);
            }
            else
            {
                LogRefused(logger);
            }

            return Page(context, antiforgery, returnUrl, RefusedMessage);
        }

        await SignInLockout.ClearAsync(db, person!.Id, context.RequestAborted);

        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, person.UserName));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static Person NobodyWithHash()
    {
        var nobody = Person.Create(string.Empty, string.Empty, [], null, null);
        nobody.SetPasswordHash(new PasswordHasher<Person>().HashPassword(nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        return nobody;
    }

    private static bool IsLocal(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] is not '/' and not '\\';

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? string.Empty : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in to CrmPlatform</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}[role=alert]{color:#b00020}</style>
            </head><body>
            <h1>Sign in to CrmPlatform</h1>
            {{message}}
            <form method="post" action="{{Path}}">
            <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
            <label for="userName">User name</label><input id="userName" name="userName" autocomplete="username" required autofocus>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: the user's sign-ins are paused after too many wrong passwords")]
    private static partial void LogPaused(ILogger logger);
}
