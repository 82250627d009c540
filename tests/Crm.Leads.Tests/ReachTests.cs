using Crm.Contracts.Leads;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Testing;
using Grpc.Core;

namespace Crm.Leads.Tests;

/// <summary>Which leads a rep reaches: the pool (marketing's, not yet worked) and their own team's; working a pool
/// lead takes it for the team, whose deal it becomes on conversion.</summary>
public sealed class ReachTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_rep_of_another_team_can_neither_read_nor_work_a_team_s_lead_by_its_id()
    {
        var ivan = TestCalls.InTeam("south", "ivan", Deadline, CrmRoles.InsideSales);
        var irene = TestCalls.InTeam("north", $"irene-{Guid.NewGuid():N}", Deadline, CrmRoles.InsideSales);
        var lead = (await leads.Api.CaptureLeadAsync(Requests.Lead(), ivan)).Lead;

        var read = await Assert.ThrowsAsync<RpcException>(() => leads.Api.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, irene).ResponseAsync);
        var qualified = await Assert.ThrowsAsync<RpcException>(() => leads.Api.QualifyLeadAsync(
            new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, irene).ResponseAsync);

        Assert.Equal("south", lead.SalesTeam);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, qualified.StatusCode);
        Assert.Contains("team south", qualified.Status.Detail, StringComparison.Ordinal);
        var unchanged = await leads.Api.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, ivan);
        Assert.Equal(1, unchanged.Version);
        Assert.Equal(LeadStatus.New, unchanged.Status);
    }

    [Fact]
    public async Task A_pool_lead_is_taken_by_the_first_team_that_works_it_and_its_deal_is_that_team_s()
    {
        var irene = TestCalls.InTeam("north", "irene", Deadline, CrmRoles.InsideSales);
        var ivan = TestCalls.InTeam("south", $"ivan-{Guid.NewGuid():N}", Deadline, CrmRoles.InsideSales);
        var pooled = (await leads.Api.CaptureLeadAsync(Requests.Lead(), TestCalls.As("maria", Deadline, CrmRoles.Marketing))).Lead;
        var seenBySouth = await leads.Api.GetLeadAsync(new GetLeadRequest { LeadId = pooled.LeadId }, ivan);

        var taken = await leads.Api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = pooled.LeadId, Qualification = Requests.Bant() }, irene);
        var tooLate = await Assert.ThrowsAsync<RpcException>(() => leads.Api.ConvertLeadAsync(
            new ConvertLeadRequest { LeadId = pooled.LeadId, OpportunityOwnerId = "olivia" }, ivan).ResponseAsync);
        await leads.Api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = pooled.LeadId, OpportunityOwnerId = "otto" }, irene);

        Assert.Empty(pooled.SalesTeam);
        Assert.Equal(pooled.LeadId, seenBySouth.LeadId);
        Assert.Equal("north", taken.SalesTeam);
        Assert.Equal(StatusCode.PermissionDenied, tooLate.StatusCode);
        var converted = Assert.Single(await leads.EventsAsync<LeadConverted>(Guid.Parse(pooled.LeadId)));
        Assert.Equal("north", converted.SalesTeam);
        Assert.Equal("otto", converted.OpportunityOwnerId);
    }

    [Fact]
    public async Task Capturing_a_person_another_team_works_says_so_and_shows_nothing_of_their_lead()
    {
        var request = Requests.Lead();
        await leads.Api.CaptureLeadAsync(request, TestCalls.InTeam("south", "ivan", Deadline, CrmRoles.InsideSales));

        var again = await Assert.ThrowsAsync<RpcException>(() => leads.Api.CaptureLeadAsync(request, TestCalls.InTeam("north", "irene", Deadline, CrmRoles.InsideSales)).ResponseAsync);
        var bySouth = await leads.Api.CaptureLeadAsync(request, TestCalls.InTeam("south", "isaac", Deadline, CrmRoles.InsideSales));

        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.StartsWith("contact: ", again.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Contact.Email, again.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.True(bySouth.Duplicate);
        Assert.Equal("south", bySouth.Lead.SalesTeam);
    }

    [Fact]
    public async Task A_rep_lists_the_pool_and_their_team_s_leads_only()
    {
        var campaign = (await leads.Api.LaunchCampaignAsync(Requests.Campaign(), TestCalls.As("maria", Deadline, CrmRoles.Marketing))).CampaignId;
        var north = (await leads.Api.CaptureLeadAsync(Requests.Lead(campaignId: campaign), TestCalls.InTeam("north", "irene", Deadline, CrmRoles.InsideSales))).Lead.LeadId;
        var south = (await leads.Api.CaptureLeadAsync(Requests.Lead(campaignId: campaign), TestCalls.InTeam("south", "ivan", Deadline, CrmRoles.InsideSales))).Lead.LeadId;
        var pool = (await leads.Api.CaptureLeadAsync(Requests.Lead(campaignId: campaign), TestCalls.As("maria", Deadline, CrmRoles.Marketing))).Lead.LeadId;

        async Task<string[]> ListedAsync(CallOptions caller) =>
            [.. (await leads.Api.ListLeadsAsync(new ListLeadsRequest { CampaignId = campaign }, caller)).Leads.Select(l => l.LeadId).Order(StringComparer.Ordinal)];

        Assert.Equal(new[] { north, pool }.Order(StringComparer.Ordinal), await ListedAsync(TestCalls.InTeam("north", "irene", Deadline, CrmRoles.InsideSales)), StringComparer.Ordinal);
        Assert.Equal(new[] { south, pool }.Order(StringComparer.Ordinal), await ListedAsync(TestCalls.InTeam("south", "sam", Deadline, CrmRoles.SalesManager)), StringComparer.Ordinal);
        Assert.Equal(new[] { north, south, pool }.Order(StringComparer.Ordinal), await ListedAsync(TestCalls.As("maria", Deadline, CrmRoles.Marketing)), StringComparer.Ordinal);
    }
}
