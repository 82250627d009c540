extern alias service;

using System.Text.Json;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using service::Crm.Identity.SigningKeys;

namespace Crm.Identity.Tests;

public sealed class KeyRotationTests(CrmTestServers servers)
{
    [Fact]
    public async Task A_new_key_is_published_before_it_signs_takes_over_when_valid_and_the_old_one_leaves_after_expiring()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_rotation");
        var ring = host.Service.Services.GetRequiredService<KeyRing>();
        var first = await SigningKeyOfNewTokenAsync(host);
        Assert.Equal([first], await PublishedKeysAsync(host));

        // 80 days on, the key has less than the rollover left: its successor is published, but does not sign yet.
        host.Clock.Advance(TimeSpan.FromDays(80));
        Assert.True(await ring.RefreshAsync(TestContext.Current.CancellationToken));
        var published = await PublishedKeysAsync(host);
        Assert.Equal(2, published.Count);
        Assert.Equal(first, await SigningKeyOfNewTokenAsync(host));
        var second = Assert.Single(published, k => k != first);

        // Once the successor is valid it signs; the old key stays published for the tokens it signed.
        host.Clock.Advance(KeyRotation.Announce + TimeSpan.FromHours(1));
        Assert.True(await ring.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Equal(second, await SigningKeyOfNewTokenAsync(host));
        Assert.Contains(first, await PublishedKeysAsync(host), StringComparer.Ordinal);

        // Past its expiry the old key is no longer published; a refresh with nothing due changes nothing.
        host.Clock.Advance(TimeSpan.FromDays(9));
        Assert.True(await ring.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Equal([second], await PublishedKeysAsync(host));
        Assert.False(await ring.RefreshAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Rotation_rule_creates_a_key_when_none_is_valid_and_announces_a_successor_only_within_the_rollover()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var (notBefore, notAfter) = KeyRotation.Due([], now)!.Value;
        Assert.True(notBefore <= now);
        Assert.Equal(KeyRotation.Lifetime, notAfter - notBefore);

        var current = StoredKey.Of(KeyPurpose.Signing, notBefore, notAfter, []);
        Assert.Null(KeyRotation.Due([current], now + KeyRotation.Lifetime - KeyRotation.Rollover - TimeSpan.FromHours(1)));
        var successor = KeyRotation.Due([current], now + KeyRotation.Lifetime - KeyRotation.Rollover + TimeSpan.FromHours(1))!.Value;
        Assert.Equal(now + KeyRotation.Lifetime - KeyRotation.Rollover + TimeSpan.FromHours(1) + KeyRotation.Announce, successor.NotBefore);
        Assert.False(KeyRotation.Expired(current, notAfter + TimeSpan.FromHours(1)));
        Assert.True(KeyRotation.Expired(current, notAfter + KeyRotation.Retention + TimeSpan.FromHours(1)));
    }

    private static async Task<string> SigningKeyOfNewTokenAsync(IdentityHost host)
    {
        var token = await host.Client.ClientCredentialsAsync(IdentityHost.MachineClient, IdentityHost.MachineSecret, TestContext.Current.CancellationToken);
        return new JsonWebToken(token.AccessToken).Kid;
    }

    private static async Task<IReadOnlyList<string>> PublishedKeysAsync(IdentityHost host)
    {
        using var http = new HttpClient { BaseAddress = host.Service.HttpAddress };
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(".well-known/jwks", UriKind.Relative), TestContext.Current.CancellationToken));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
