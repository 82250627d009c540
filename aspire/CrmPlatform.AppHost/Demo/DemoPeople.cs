using System.Collections.Concurrent;
using Crm.Api.Clients;

namespace CrmPlatform.AppHost.Demo;

/// <summary>
/// The demo's people signed in, each once, through the identity service's sign-in page (a code with PKCE), so that
/// everything the demo does is done by a named person with that person's roles, as in the web app.
/// </summary>
internal sealed class DemoPeople(Uri identity, string password) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);
    private readonly List<IdentityClient> _clients = [];

    /// <summary>The access token of <paramref name="user"/>.</summary>
    public Task<string> TokenOfAsync(string user, CancellationToken cancellationToken) =>
        _tokens.GetOrAdd(user, name => new Lazy<Task<string>>(() => SignInAsync(name, cancellationToken))).Value;

    public void Dispose()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<string> SignInAsync(string user, CancellationToken cancellationToken)
    {
        // One client (one cookie jar) per person, as each would use their own browser.
        var client = new IdentityClient(identity);
        lock (_clients)
        {
            _clients.Add(client);
        }

        var tokens = await client.SignInAsync(user, password, cancellationToken);
        return tokens.AccessToken ?? throw new InvalidOperationException($"{user} could not sign in: {tokens.Error}");
    }
}
