using System.Net;
using System.Text.Json;
using Crm.Api.Clients;
using Crm.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Crm.Identity.Tests;

public sealed class TokenFlowTests(CrmTestServers servers)
{
    [Fact]
    public async Task Discovery_names_the_flows_PKCE_and_RS256_keys()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_discovery");
        using var http = new HttpClient { BaseAddress = host.Service.HttpAddress };
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(".well-known/openid-configuration", UriKind.Relative), TestContext.Current.CancellationToken));
        var root = discovery.RootElement;

        Assert.Equal(host.Service.HttpAddress.ToString(), root.GetProperty("issuer").GetString());
        var grants = root.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("authorization_code", grants, StringComparer.Ordinal);
        Assert.Contains("client_credentials", grants, StringComparer.Ordinal);
        Assert.Contains("refresh_token", grants, StringComparer.Ordinal);
        Assert.DoesNotContain("password", grants, StringComparer.Ordinal);
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()), StringComparer.Ordinal);

        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(root.GetProperty("jwks_uri").GetString()!), TestContext.Current.CancellationToken));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task A_machine_client_gets_a_signed_token_for_the_APIs_with_its_registered_roles_and_a_wrong_secret_gets_none()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_machine");

        var token = await host.Client.ClientCredentialsAsync(IdentityHost.MachineClient, IdentityHost.MachineSecret, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(IdentityHost.MachineClient, jwt.Subject);
        Assert.Equal(["crm-api"], jwt.Audiences, StringComparer.Ordinal);
        Assert.Equal(["accounting"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value), StringComparer.Ordinal);

        // A token not asked for the platform's APIs (no crm scope) is not for them.
        var other = await host.Client.ClientCredentialsAsync(IdentityHost.MachineClient, IdentityHost.MachineSecret, TestContext.Current.CancellationToken, scope: string.Empty);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Empty(new JsonWebToken(other.AccessToken).Audiences);

        var refused = await host.Client.ClientCredentialsAsync(IdentityHost.MachineClient, "not-the-secret", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_client", refused.Error);
        Assert.Null(refused.AccessToken);
    }

    [Fact]
    public async Task A_person_signs_in_with_a_code_and_PKCE_and_refreshes_with_roles_and_team_from_the_directory()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_person");

        var tokens = await host.Client.SignInAsync("otto", IdentityHost.DemoPassword, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var access = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("otto", access.Subject);
        Assert.Equal("Otto Outside", access.GetClaim("name").Value);
        Assert.Equal("north", access.GetClaim("team").Value);
        Assert.Equal(["outside_sales"], access.Claims.Where(c => c.Type == "role").Select(c => c.Value), StringComparer.Ordinal);
        Assert.NotNull(tokens.IdentityToken);

        var refreshed = await host.Client.RefreshAsync(tokens.RefreshToken!, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal("otto", new JsonWebToken(refreshed.AccessToken).Subject);
    }

    [Fact]
    public async Task A_managers_token_names_the_teams_below_theirs_by_their_path_and_a_reps_names_none()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_hierarchy");
        var ct = TestContext.Current.CancellationToken;

        async Task<string[]> TeamsBelowAsync(string user)
        {
            using var client = new IdentityClient(host.Service.HttpAddress);
            var tokens = await client.SignInAsync(user, IdentityHost.DemoPassword, ct);
            return [.. new JsonWebToken(tokens.AccessToken).Claims.Where(c => c.Type == "team_below").Select(c => c.Value).Order(StringComparer.Ordinal)];
        }

        // The vice-president over the directors and managers; the director of east over the manager of metro; the
        // manager of metro over a rep of the same team; a rep over nobody.
        Assert.Equal(["east", "east/metro", "north", "south"], await TeamsBelowAsync("victor"), StringComparer.Ordinal);
        Assert.Equal(["metro"], await TeamsBelowAsync("elena"), StringComparer.Ordinal);
        Assert.Empty(await TeamsBelowAsync("ed"));
        Assert.Empty(await TeamsBelowAsync("mia"));
    }

    [Fact]
    public async Task A_sign_out_link_only_asks_a_cross_site_post_is_refused_and_the_answered_question_signs_out()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_sign_out");
        var ct = TestContext.Current.CancellationToken;
        await host.Client.SignInAsync("otto", IdentityHost.DemoPassword, ct);
        Assert.True(await host.Client.IsSignedInAsync(ct));

        Assert.Equal((HttpStatusCode.OK, null), await host.Client.SignOutAsync(confirm: false, ct));
        Assert.True(await host.Client.IsSignedInAsync(ct));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), await host.Client.SignOutAsync(confirm: true, ct, forged: true));
        Assert.True(await host.Client.IsSignedInAsync(ct));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), await host.Client.SignOutAsync(confirm: true, ct));
        Assert.False(await host.Client.IsSignedInAsync(ct));
    }

    [Fact]
    public async Task A_code_is_refused_without_its_verifier_and_a_wrong_password_gets_no_code()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_refusals");

        var (code, _) = await host.Client.AuthorizeAsync("irene", IdentityHost.DemoPassword, TestContext.Current.CancellationToken);
        var stolen = await host.Client.TokenAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = IdentityClient.CommandLineClient,
            ["redirect_uri"] = IdentityClient.CommandLineRedirect,
            ["code"] = code,
            ["code_verifier"] = "a-verifier-that-does-not-match-the-challenge-at-all-00000000000",
        }, TestContext.Current.CancellationToken);
        Assert.Equal("invalid_grant", stolen.Error);
        Assert.Null(stolen.AccessToken);

        using var stranger = new IdentityClient(host.Service.HttpAddress);
        var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => stranger.SignInAsync("irene", "not-the-password", TestContext.Current.CancellationToken));
        Assert.Contains("401", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_pause_a_person_s_sign_ins_for_a_quarter_of_an_hour_even_with_the_right_one()
    {
        await using var host = await IdentityHost.StartAsync(servers, "identity_lockout");

        // Each attempt from a browser of its own, as guesses come: no session cookie carries over.
        async Task<string?> SignInAsync(string user, string password)
        {
            using var client = new IdentityClient(host.Service.HttpAddress);
            try
            {
                return (await client.SignInAsync(user, password, TestContext.Current.CancellationToken)).AccessToken;
            }
            catch (InvalidOperationException refused) when (refused.Message.Contains("401", StringComparison.Ordinal))
            {
                return null;
            }
        }

        // Four wrong, then right: the count starts again.
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await SignInAsync("ivan", $"guess-{i}"));
        }

        Assert.NotNull(await SignInAsync("ivan", IdentityHost.DemoPassword));
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await SignInAsync("ivan", $"guess-{i}"));
        }

        var whileLocked = await SignInAsync("ivan", IdentityHost.DemoPassword);
        var someoneElse = await SignInAsync("irene", IdentityHost.DemoPassword);
        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var later = await SignInAsync("ivan", IdentityHost.DemoPassword);

        Assert.Null(whileLocked);
        Assert.NotNull(someoneElse);
        Assert.NotNull(later);
    }
}
