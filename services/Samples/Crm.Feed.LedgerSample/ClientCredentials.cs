using System.Text.Json;

namespace Crm.Feed.LedgerSample;

/// <summary>
/// The sample's access token: the client credentials grant at the identity service's token endpoint, kept until a
/// minute before it expires. The secret is read from a file (a mounted secret), never from the command line.
/// </summary>
public sealed class ClientCredentials(HttpClient http, LedgerOptions options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _current;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } current && current.Until > clock.GetUtcNow())
            {
                return current.Token;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = (await File.ReadAllTextAsync(options.ClientSecretFile, cancellationToken)).Trim(),
                ["scope"] = "crm",
            });
            using var response = await http.PostAsync(options.TokenEndpoint, form, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = answer.RootElement.GetProperty("access_token").GetString()!;
            var lifetime = TimeSpan.FromSeconds(answer.RootElement.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300);
            _current = (token, clock.GetUtcNow() + lifetime - TimeSpan.FromMinutes(1));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
