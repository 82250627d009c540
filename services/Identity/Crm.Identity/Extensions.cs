using Crm.Grpc.Hosting;
using Crm.Grpc.Security;
using Crm.Identity.Clients;
using Crm.Identity.Data;
using Crm.Identity.Endpoints;
using Crm.Identity.People;
using Crm.Identity.SigningKeys;
using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Crm.Identity;

/// <summary>
/// The identity service's wiring: its database, OpenIddict's server (discovery, authorization code with PKCE, client
/// credentials, refresh tokens; access tokens as signed JWTs for <see cref="CrmClaims.Audience"/>), the key ring, the
/// people and clients it knows, and the sign-in page.
/// </summary>
public static class Extensions
{
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<IdentityServiceOptions>(builder.Configuration.GetSection(IdentityServiceOptions.Section));
        var settings = builder.Configuration.GetSection(IdentityServiceOptions.Section).Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();

        builder.AddServiceDatabase(CrmResources.Identity);
        builder.Services.AddDatabaseMigrations(typeof(Extensions).Assembly);
        builder.Services.AddDbContext<IdentityDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict());

        // Cookies and anti-forgery tokens are protected with keys kept in the database, so that every replica reads
        // what another wrote (the default, a folder of the pod's own, would sign people out as requests move).
        builder.Services.AddDataProtection().SetApplicationName("crm-identity").PersistKeysToDbContext<IdentityDbContext>();
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeys>();
        builder.Services.AddSingleton<IPasswordHasher<Person>, PasswordHasher<Person>>();
        builder.Services.AddSingleton<DirectorySeed>();
        builder.Services.AddSingleton<ClientSeed>();
        builder.Services.AddSingleton<DirectoryStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DirectoryStartup>());
        builder.Services.AddHealthChecks()
            .AddCheck<KeyRingHealthCheck>("keys", tags: [HealthTags.Ready])
            .AddCheck<DirectoryStartup>("directory", tags: [HealthTags.Ready]);

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.LoginPath = LoginPage.Path;
                cookie.Cookie.Name = "crm-identity";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();

        builder.AddOpenIddictServer(settings);
        // It issues the tokens: its own pages use the sign-in cookie, and OpenIddict checks its clients itself.
        builder.AddGrpcServer(validateTokens: false);
        return builder;
    }

    /// <summary>OpenIddict's server on the identity database: the endpoints, the flows, the scopes and the token lifetimes.</summary>
    private static void AddOpenIddictServer(this WebApplicationBuilder builder, IdentityServiceOptions settings)
    {
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/logout");
                // PKCE with S256 only: "plain" would hand the verifier to whoever reads the authorization request.
                server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, CrmClaims.ApiScope);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime).SetRefreshTokenLifetime(settings.RefreshTokenLifetime);
                if (settings.Issuer is not null)
                {
                    server.SetIssuer(settings.Issuer);
                }

                // Access tokens are signed JWTs that any API validates with the published keys (RS256), not encrypted
                // tokens that only OpenIddict could read: other providers issue the same kind, so one validation fits all.
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (settings.AllowPlainHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

    }

    public static WebApplication MapIdentityService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<KeysLoadedGate>();
        app.MapGrpcStandardServices();
        app.UseAntiforgery();
        app.MapLoginPage();
        app.MapAuthorizationEndpoints();
        return app;
    }
}
