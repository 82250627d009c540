using System.Net;

namespace Crm.Api.Clients;

/// <summary>What the token endpoint answered: the tokens, or the OAuth error.</summary>
public sealed record TokenResponse(HttpStatusCode Status, string? AccessToken, string? RefreshToken, string? IdentityToken, string? Error);
