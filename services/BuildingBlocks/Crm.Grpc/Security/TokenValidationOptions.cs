namespace Crm.Grpc.Security;

/// <summary>
/// Which tokens a service accepts (configuration section <c>Identity</c>). The embedded identity service is the
/// default; any OpenID Connect provider replaces it by naming its authority, the audience its tokens carry and the
/// claims that hold the caller's name and roles (Entra ID: <c>roles</c>; Keycloak with a mapper: <c>roles</c>).
/// </summary>
public sealed class TokenValidationOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer's address; its discovery document gives the issuer name and the signing keys.</summary>
    public Uri? Authority { get; set; }

    /// <summary>Fetch the authority's keys over plain HTTP although it is not on this machine: only for a developer's
    /// cluster, where the identity service is reached by its in-cluster name (the same key as the identity service's own).</summary>
    public bool AllowPlainHttp { get; set; }

    public string Audience { get; set; } = CrmClaims.Audience;

    /// <summary>The claim that names the caller (who did what, in records and the audit).</summary>
    public string NameClaim { get; set; } = CrmClaims.Subject;

    public string RoleClaim { get; set; } = CrmClaims.Role;

    /// <summary>Signature algorithms accepted (RFC 8725: an allow-list, never what the token's header asks for).</summary>
    public IList<string> Algorithms { get; } = [];

    /// <summary>The algorithms accepted when configuration names none: RSA and ECDSA signatures, never "none" nor HMAC.</summary>
    public static IReadOnlyList<string> DefaultAlgorithms { get; } = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The token types (the JWT's <c>typ</c>) accepted; by default access tokens as RFC 9068 types them.</summary>
    public IList<string> TokenTypes { get; } = [];

    public static IReadOnlyList<string> DefaultTokenTypes { get; } = ["at+jwt"];

    /// <summary>How far clocks may disagree.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);
}
