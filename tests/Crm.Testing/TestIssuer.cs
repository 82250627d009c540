using System.Security.Claims;
using System.Security.Cryptography;
using CrmPlatform.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Testing;

/// <summary>
/// An OpenID Connect issuer for tests of one service: it publishes a discovery document and its key, as any provider
/// does, and signs tokens for whoever a test names. Services under test trust it through configuration alone
/// (<c>Identity:Authority</c>), the way they trust the identity service or another provider in production.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    // Started on first use, off any test's synchronization context, and kept for the life of the test process.
    private static readonly Lazy<TestIssuer> Shared = new(() => Task.Run(() => StartAsync()).GetAwaiter().GetResult());

    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIssuer(WebApplication app, RsaSecurityKey key, Uri address, string roleClaim)
    {
        _app = app;
        _key = key;
        Address = address;
        RoleClaim = roleClaim;
    }

    /// <summary>The issuer's address, also the <c>iss</c> of its tokens.</summary>
    public Uri Address { get; }

    /// <summary>The claim its tokens carry roles in.</summary>
    public string RoleClaim { get; }

    /// <summary>The issuer every service under test in this process trusts.</summary>
    public static TestIssuer Default => Shared.Value;

    /// <summary>
    /// A separately configured issuer: its own key and address, and roles in <paramref name="roleClaim"/> (as Entra ID
    /// puts them in <c>roles</c>).
    /// </summary>
    public static async Task<TestIssuer> StartAsync(string roleClaim = "role")
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var port = Ports.Free();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["issuer"] = address.ToString(),
            ["jwks_uri"] = new Uri(address, ".well-known/jwks").ToString(),
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        app.MapGet("/.well-known/jwks", () => Results.Json(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["keys"] = new[] { new Dictionary<string, string>(StringComparer.Ordinal) { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        await app.StartAsync();
        return new TestIssuer(app, key, address, roleClaim);
    }

    /// <summary>A signed access token for <paramref name="subject"/> with <paramref name="roles"/> (an administrator when none are named).</summary>
    public string TokenFor(string subject, params string[] roles) => Token(subject, roles.Length == 0 ? ["administrator"] : roles, DateTime.UtcNow.AddMinutes(30));

    /// <summary>A token that has every claim right but expired <paramref name="ago"/>.</summary>
    public string ExpiredTokenFor(string subject, TimeSpan ago) => Token(subject, ["administrator"], DateTime.UtcNow - ago);

    /// <summary>A token whose parts can be chosen (audience, algorithm): the refusals' tests build forgeries with it.</summary>
    public string Token(string subject, IReadOnlyList<string> roles, DateTime expires, string audience = "crm-api", string? team = null, IReadOnlyList<string>? feedTypes = null, IReadOnlyList<string>? teamsBelow = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("name", subject) };
        claims.AddRange(roles.Select(r => new Claim(RoleClaim, r)));
        claims.AddRange((feedTypes ?? []).Select(t => new Claim("feed_type", t)));
        claims.AddRange((teamsBelow ?? []).Select(t => new Claim("team_below", t)));
        if (team is not null)
        {
            claims.Add(new Claim("team", team));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Address.ToString(),
            Audience = audience,
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity(claims),
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The settings a service needs to trust this issuer (<c>--Key=value</c> arguments).</summary>
    public IReadOnlyList<string> Settings => [$"--Identity:Authority={Address}", $"--Identity:RoleClaim={RoleClaim}"];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
