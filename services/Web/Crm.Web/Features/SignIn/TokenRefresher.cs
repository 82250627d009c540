using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Crm.Web.Features.SignIn;

/// <summary>
/// Refreshes the access token a cookie holds when a request comes in shortly before it expires (the identity service
/// rotates refresh tokens, so only this one place refreshes); when the refresh is refused, the person signs in again.
/// </summary>
internal sealed partial class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidc, SignInOptions settings, TimeProvider clock, ILogger<TokenRefresher> logger)
{
    public async Task RefreshIfDueAsync(CookieValidatePrincipalContext context)
    {
        var properties = context.Properties;
        if (properties.GetTokenValue("expires_at") is not { } expiresAt
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
            || expires - clock.GetUtcNow() > settings.RefreshBefore)
        {
            return;
        }

        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var refreshToken = properties.GetTokenValue("refresh_token");
        if (refreshToken is null || options.ConfigurationManager is null)
        {
            await RejectAsync(context);
            return;
        }

        var configuration = await options.ConfigurationManager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId ?? string.Empty,
            ["refresh_token"] = refreshToken,
        };
        if (options.ClientSecret is { Length: > 0 } secret)
        {
            form["client_secret"] = secret;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await options.Backchannel.PostAsync(new Uri(configuration.TokenEndpoint), content, context.HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused((int)response.StatusCode);
            await RejectAsync(context);
            return;
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
        var root = answer.RootElement;
        properties.UpdateTokenValue("access_token", root.GetProperty("access_token").GetString()!);
        if (root.TryGetProperty("refresh_token", out var rotated) && rotated.GetString() is { } next)
        {
            properties.UpdateTokenValue("refresh_token", next);
        }

        var lifetime = root.TryGetProperty("expires_in", out var seconds) ? TimeSpan.FromSeconds(seconds.GetInt32()) : TimeSpan.FromMinutes(5);
        properties.UpdateTokenValue("expires_at", (clock.GetUtcNow() + lifetime).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity service refused to refresh a sign-in ({Status}); the person signs in again")]
    private partial void LogRefused(int status);
}
