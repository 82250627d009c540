using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmPlatform.LocalServers;

/// <summary>
/// The users of our RabbitMQ node: its administrator, loaded from a definitions file on every boot (so that a node
/// made when it had only the guest user gets it too), and one user per service or test, made through the
/// management API with rights on one virtual host.
/// </summary>
public static class RabbitMqUsers
{
    private static readonly string[] AdministratorTags = ["administrator"];

    /// <summary>The definitions the node loads at boot: the administrator (its password salted and hashed as
    /// RabbitMQ hashes it) with every right on the default virtual host.</summary>
    public static string AdministratorDefinitions(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return JsonSerializer.Serialize(new
        {
            users = new[] { new { name = user, password_hash = Hash(password), hashing_algorithm = "rabbit_password_hashing_sha256", tags = AdministratorTags } },
            vhosts = new[] { new { name = "/" } },
            permissions = new[] { new { user, vhost = "/", configure = ".*", write = ".*", read = ".*" } },
        });
    }

    /// <summary>Makes (or updates) <paramref name="user"/> with <paramref name="password"/> and every right on
    /// <paramref name="virtualHost"/>, which must exist.</summary>
    public static async Task EnsureAsync(HttpClient management, string user, string password, string virtualHost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(management);
        using (var created = await management.PutAsync(
            new Uri($"users/{Uri.EscapeDataString(user)}", UriKind.Relative), Json(new { password, tags = string.Empty }), cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }

        await GrantAsync(management, user, virtualHost, cancellationToken);
    }

    /// <summary>Gives <paramref name="user"/> every right on <paramref name="virtualHost"/>.</summary>
    public static async Task GrantAsync(HttpClient management, string user, string virtualHost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(management);
        using var granted = await management.PutAsync(
            new Uri($"permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(user)}", UriKind.Relative),
            Json(new { configure = ".*", write = ".*", read = ".*" }),
            cancellationToken);
        granted.EnsureSuccessStatusCode();
    }

    /// <summary>Removes the guest user a node made before it had an administrator of ours (nothing when it has none).</summary>
    public static async Task RemoveGuestAsync(HttpClient management, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(management);
        using var removed = await management.DeleteAsync(new Uri("users/guest", UriKind.Relative), cancellationToken);
        if (!removed.IsSuccessStatusCode && removed.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            removed.EnsureSuccessStatusCode();
        }
    }

    /// <summary>RabbitMQ's salted SHA-256: base64 of a 4-byte salt followed by SHA-256(salt + UTF-8 password).</summary>
    private static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
