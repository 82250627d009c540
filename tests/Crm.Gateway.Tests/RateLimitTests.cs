using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;
using Crm.Leads.Grpc.V1;

namespace Crm.Gateway.Tests;

/// <summary>Each caller has its own budget of calls at the gateway.</summary>
public sealed class RateLimitTests
{
    private const string GetLeadPath = "/crm.leads.v1.LeadsService/GetLead";

    [Fact]
    public async Task A_caller_over_its_budget_gets_RESOURCE_EXHAUSTED_with_retry_after_while_another_caller_goes_on()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Reply(new Lead { LeadId = "x" }) });
        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address },
            TimeSpan.FromSeconds(2),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["RateLimits:CallsPerSecond"] = "1", ["RateLimits:Burst"] = "3" });
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var leads = new LeadsService.LeadsServiceClient(channel);
        var request = new GetLeadRequest { LeadId = Guid.NewGuid().ToString() };

        // The burst goes through; the next call within the same second does not.
        for (var i = 0; i < 3; i++)
        {
            await leads.GetLeadAsync(request, TestCalls.As("busy-integration", TimeSpan.FromSeconds(10)));
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await leads.GetLeadAsync(request, TestCalls.As("busy-integration", TimeSpan.FromSeconds(10))));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("1 per second", refused.Status.Detail, StringComparison.Ordinal);
        var retryAfter = refused.Trailers.GetValue("retry-after");
        Assert.NotNull(retryAfter);
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 5);

        // Someone else is not held back by it.
        var other = await leads.GetLeadAsync(request, TestCalls.As("irene", TimeSpan.FromSeconds(10)));
        Assert.Equal("x", other.LeadId);
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_counted_by_address_and_cut_before_they_are_refused_while_signed_in_callers_go_on()
    {
        await using var stubs = await StubServices.StartAsync(new Dictionary<string, Func<Microsoft.AspNetCore.Http.HttpContext, Task>>(StringComparer.Ordinal) { [GetLeadPath] = StubServices.Reply(new Lead { LeadId = "x" }) });
        await using var gateway = await GatewayHost.StartAsync(
            new Dictionary<CrmService, Uri> { [CrmResources.Leads] = stubs.Address },
            TimeSpan.FromSeconds(2),
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["RateLimits:AnonymousCallsPerSecond"] = "1", ["RateLimits:AnonymousBurst"] = "2" });
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var leads = new LeadsService.LeadsServiceClient(channel);
        var request = new GetLeadRequest { LeadId = Guid.NewGuid().ToString() };
        var expired = TestCalls.WithToken(TestIssuer.Default.ExpiredTokenFor("mallory", TimeSpan.FromHours(1)), TimeSpan.FromSeconds(10));

        var statuses = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Assert.ThrowsAsync<RpcException>(async () => await leads.GetLeadAsync(request, i == 1 ? expired : TestCalls.WithToken(null, TimeSpan.FromSeconds(10))))).StatusCode);
        }

        // The burst is refused one by one for what it is; the next call is cut by the budget, whatever token it lacks.
        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.ResourceExhausted], statuses);
        Assert.Equal("x", (await leads.GetLeadAsync(request, TestCalls.As("irene", TimeSpan.FromSeconds(10)))).LeadId);
    }
}
