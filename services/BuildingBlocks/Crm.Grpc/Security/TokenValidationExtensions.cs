using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Grpc.Security;

/// <summary>
/// Every API of the platform, the gateway's and each service's alike, answers only callers with a valid access token:
/// signed by the configured issuer with an allowed algorithm, for the platform's audience, within its lifetime.
/// </summary>
public static class TokenValidationExtensions
{
    public static TBuilder AddTokenValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(TokenValidationOptions.Section).Get<TokenValidationOptions>() ?? new TokenValidationOptions();
        var authority = settings.Authority
            ?? throw new InvalidOperationException("Identity__Authority is not set: the service cannot check who is calling (the app host sets it to the identity service's address)");
        IReadOnlyList<string> algorithms = settings.Algorithms.Count > 0 ? [.. settings.Algorithms] : TokenValidationOptions.DefaultAlgorithms;
        IReadOnlyList<string> types = settings.TokenTypes.Count > 0 ? [.. settings.TokenTypes] : TokenValidationOptions.DefaultTokenTypes;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Authority = authority.ToString();
            // Metadata over plain HTTP only from this machine (the local run and the tests) or where explicitly allowed
            // (a developer's cluster); anywhere else HTTPS.
            jwt.RequireHttpsMetadata = !authority.IsLoopback && !settings.AllowPlainHttp;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = settings.Audience,
                ValidateAudience = true,
                ValidateIssuer = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAlgorithms = algorithms,
                ValidTypes = types,
                ClockSkew = settings.ClockSkew,
                NameClaimType = settings.NameClaim,
                RoleClaimType = settings.RoleClaim,
            };
        });

        // Secure by default: an endpoint that says nothing requires a signed-in caller with a role that may call the
        // method (MethodAccess); health and probes opt out.
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new MethodRolesRequirement()).Build());
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResults>();
        return builder;
    }
}
