using System.Net;
using Crm.Api.Clients;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Crm.Identity.Tests;

/// <summary>
/// Two replicas of the identity service on one database, started together and answering a person's requests in
/// turn, as pods behind a Service without affinity would: each registers nothing twice, and a sign-in page served by
/// one is accepted by the other, whose cookie the first reads.
/// </summary>
public sealed class ReplicaTests(CrmTestServers servers)
{
    [Fact]
    public async Task A_person_signs_in_and_refreshes_while_two_replicas_answer_in_turn()
    {
        var resources = await servers.IsolateAsync("identity_replicas");
        // One issuer for both, as behind one public address.
        var port = Ports.Free();
        var issuer = $"--Identity:Issuer=http://127.0.0.1:{port}/";
        var starting = new[]
        {
            IdentityHost.StartAsync(resources, issuer, $"--Kestrel:Endpoints:http:Url=http://127.0.0.1:{port}"),
            IdentityHost.StartAsync(resources, issuer),
        };
        await using var first = await starting[0];
        await using var second = await starting[1];

        // The first listens where the issuer says (its HttpAddress names the port it was given before the override).
        var firstAddress = new Uri($"http://127.0.0.1:{port}/");
        using var client = new IdentityClient(firstAddress, new TakingTurnsHandler(firstAddress, second.Service.HttpAddress));
        var tokens = await client.SignInAsync("otto", IdentityHost.DemoPassword, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("otto", new JsonWebToken(tokens.AccessToken).Subject);
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.True(await client.IsSignedInAsync(TestContext.Current.CancellationToken), "the session cookie of one replica was not read by the other");

        // The cookie keys are in the database, where every pod reads them: here both replicas would also find the one
        // folder of this machine's user, which pods do not share.
        Assert.True(await first.Service.CountAsync("SELECT 1 FROM data_protection_keys") >= 1, "the data-protection keys are not kept in the database");

        // Registered once, though both started at the same moment.
        Assert.Equal(1, await first.Service.CountAsync("SELECT 1 FROM people WHERE user_name = 'otto'"));
        Assert.Equal(1, await first.Service.CountAsync($"SELECT 1 FROM openiddict_applications WHERE client_id = '{IdentityHost.MachineClient}'"));
    }
}
