using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Crm.Web.Features.SignIn;

/// <summary>
/// People sign in through the identity service (OpenID Connect, code with PKCE) and stay signed in with a cookie that
/// holds their tokens; the access token is refreshed before it expires when a page loads, and each interactive
/// session (circuit) takes the token of the cookie it was opened with.
/// </summary>
public static class SignInExtensions
{
    private static readonly string[] Scopes = ["openid", "profile", "roles", "offline_access", "crm"];

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        var authority = builder.Configuration["Identity:Authority"];
        var plainHttp = authority?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                // Cookies ignore ports: every service on localhost shares one jar, so the web app's has its own name.
                o.Cookie.Name = "crm-web";
                o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().RefreshIfDueAsync(context);
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecretFile is { Length: > 0 } file && File.Exists(file) ? File.ReadAllText(file).Trim() : null;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = true;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    o.Scope.Add(scope);
                }

                // Locally the identity service listens on loopback with plain HTTP; the correlation and nonce cookies
                // then cannot insist on HTTPS.
                o.RequireHttpsMetadata = !plainHttp;
                if (plainHttp)
                {
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.NonceCookie.SameSite = SameSiteMode.Lax;
                }
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SignedInUser>();
        builder.Services.AddScoped<CircuitHandler, SignedInCircuit>();
        return builder;
    }

    /// <summary><c>GET /authentication/login</c> signs in and comes back to a local address; <c>POST /authentication/logout</c>
    /// (a form with its anti-forgery token) signs out here and at the identity service.</summary>
    public static WebApplication MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/authentication/login", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }))
            .AllowAnonymous();
        app.MapPost("/authentication/logout", () =>
            Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .RequireAuthorization();
        return app;
    }

    private static bool IsLocal(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\');
}
