using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>Which deals a caller reaches by their id: a rep their team's and their own, a team's manager the team's,
/// a vice-president every team's; the departments that read sales data read every deal and change none.</summary>
public sealed class ReachTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(ReachTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_rep_or_manager_of_another_team_can_neither_read_nor_change_a_deal_by_its_id_and_each_refusal_is_audited()
    {
        var deal = await OpenAsync("Wayne Enterprises", team: "north", owner: "otto");
        var olivia = TestCalls.InTeam("south", $"olivia-{Guid.NewGuid():N}", Deadline, CrmRoles.OutsideSales);
        var sam = TestCalls.InTeam("south", $"sam-{Guid.NewGuid():N}", Deadline, CrmRoles.SalesManager);

        var read = await RefusedAsync(_service.Api.GetOpportunityAsync(Get(deal), olivia));
        var moved = await RefusedAsync(_service.Api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Proposal }, olivia));
        var lost = await RefusedAsync(_service.Api.LoseOpportunityAsync(new Wire.LoseOpportunityRequest { OpportunityId = deal.ToString(), Reason = "no budget" }, sam));

        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Contains("team north's deal", read.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, moved.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, lost.StatusCode);
        var unchanged = await _service.Api.GetOpportunityAsync(Get(deal), TestCalls.As("ada", Deadline));
        Assert.Equal(1, unchanged.Version);
        Assert.Equal(Wire.Stage.Qualification, unchanged.Stage);
        Assert.Equal("north", unchanged.SalesTeam);
        Assert.Equal(3, await _service.ScalarAsync(
            "SELECT count(*) FROM audit_records WHERE outcome = 'Denied' AND (actor LIKE 'olivia-%' OR actor LIKE 'sam-%') AND detail LIKE '%team north''s deal%'"));
    }

    [Fact]
    public async Task Another_team_s_deal_is_left_out_of_the_customer_s_sales_and_cannot_be_logged_against_nor_its_version_learnt()
    {
        var deal = await OpenAsync("Soylent", team: "north", owner: "otto");
        var customerId = (await _service.Api.GetOpportunityAsync(Get(deal), TestCalls.As("ada", Deadline))).CustomerId;
        var olivia = TestCalls.InTeam("south", $"olivia-{Guid.NewGuid():N}", Deadline, CrmRoles.OutsideSales);

        var seenBySouth = await _service.Api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customerId }, olivia);
        var seenByNorth = await _service.Api.GetCustomerSalesAsync(new Wire.GetCustomerSalesRequest { CustomerId = customerId }, TestCalls.InTeam("north", "otto", Deadline, CrmRoles.OutsideSales));
        var logged = await RefusedAsync(_service.Api.LogActivityAsync(
            new Wire.LogActivityRequest { CustomerId = customerId, OpportunityId = deal.ToString(), Kind = Wire.ActivityKind.Call, Subject = "checking in", Department = Crm.Common.Grpc.V1.Department.OutsideSales }, olivia));
        var stale = await RefusedAsync(_service.Api.ChangeStageAsync(
            new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Proposal, ExpectedVersion = 7 }, olivia));

        Assert.Empty(seenBySouth.Opportunities);
        Assert.Equal(seenByNorth.Account.Name, seenBySouth.Account.Name);
        Assert.Equal(deal.ToString(), Assert.Single(seenByNorth.Opportunities).OpportunityId);
        Assert.Equal(StatusCode.PermissionDenied, logged.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, stale.StatusCode);
        Assert.DoesNotContain("version", stale.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_the_team_and_a_vice_president_work_the_deal()
    {
        var deal = await OpenAsync("Oscorp", team: "north", owner: "otto");

        var byOwner = await _service.Api.ChangeStageAsync(
            new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Proposal }, TestCalls.InTeam("north", "otto", Deadline, CrmRoles.OutsideSales));
        var byManager = await _service.Api.ChangeStageAsync(
            new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Negotiation }, TestCalls.InTeam("north", "nina", Deadline, CrmRoles.SalesManager));
        var byVicePresident = await _service.Api.ChangeStageAsync(
            new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Closing }, TestCalls.As("victor", Deadline, CrmRoles.SalesManager));
        var readByInsideRep = await _service.Api.GetOpportunityAsync(Get(deal), TestCalls.InTeam("north", "irene", Deadline, CrmRoles.InsideSales));

        Assert.Equal([2L, 3L, 4L], [byOwner.Version, byManager.Version, byVicePresident.Version]);
        Assert.Equal(Wire.Stage.Closing, readByInsideRep.Stage);
    }

    [Fact]
    public async Task A_director_works_the_deals_of_the_teams_below_theirs_and_not_those_of_a_peers()
    {
        var below = await OpenAsync("Cyberdyne", team: "harbour", owner: "hugo");
        var peers = await OpenAsync("Tyrell", team: "coastal", owner: "cid");
        var director = TestCalls.Managing("inland", "dina", Deadline, "metro", "metro/harbour");

        var moved = await _service.Api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = below.ToString(), Stage = Wire.Stage.Proposal }, director);
        var refused = await RefusedAsync(_service.Api.GetOpportunityAsync(Get(peers), director));

        Assert.Equal(Wire.Stage.Proposal, moved.Stage);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("team coastal's deal", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_support_agent_reads_any_deal_and_changes_none()
    {
        var deal = await OpenAsync("Cyberdyne", team: "south", owner: "olivia");
        var tom = TestCalls.As($"tom-{Guid.NewGuid():N}", Deadline, CrmRoles.TechnicalSupport);

        var read = await _service.Api.GetOpportunityAsync(Get(deal), tom);
        var moved = await RefusedAsync(_service.Api.ChangeStageAsync(new Wire.ChangeStageRequest { OpportunityId = deal.ToString(), Stage = Wire.Stage.Proposal }, tom));
        var revised = await RefusedAsync(_service.Api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = deal.ToString(), Probability = 40 }, tom));

        Assert.Equal(deal.ToString(), read.OpportunityId);
        Assert.Equal(StatusCode.PermissionDenied, moved.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, revised.StatusCode);
        Assert.Equal(1, (await _service.Api.GetOpportunityAsync(Get(deal), tom)).Version);
    }

    [Fact]
    public async Task A_list_holds_only_the_deals_the_caller_works()
    {
        var north = await OpenAsync("Initech", team: "north", owner: "otto");
        var south = await OpenAsync("Globex", team: "south", owner: "olivia");
        var ownNoTeam = await OpenAsync("Umbrella", team: null, owner: "otto");
        var mine = new[] { north, south, ownNoTeam };

        async Task<List<Guid>> ListedAsync(CallOptions caller)
        {
            var listed = new List<Guid>();
            var token = string.Empty;
            do
            {
                var page = await _service.Api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest { Page = new() { PageSize = 200, PageToken = token } }, caller);
                listed.AddRange(page.Opportunities.Select(o => Guid.Parse(o.OpportunityId)).Where(mine.Contains));
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            return [.. listed.Order()];
        }

        Assert.Equal(new[] { north, ownNoTeam }.Order(), await ListedAsync(TestCalls.InTeam("north", "otto", Deadline, CrmRoles.OutsideSales)));
        Assert.Equal([south], await ListedAsync(TestCalls.InTeam("south", "olivia", Deadline, CrmRoles.OutsideSales)));
        Assert.Equal([north], await ListedAsync(TestCalls.InTeam("north", "nina", Deadline, CrmRoles.SalesManager)));

        // A director over the south team lists its deals without being its manager; over another team, none of them.
        Assert.Equal([south], await ListedAsync(TestCalls.Managing("meridian", "mel", Deadline, "south")));
        Assert.Empty(await ListedAsync(TestCalls.Managing("meridian", "mel", Deadline, "west")));
        Assert.Equal(mine.Order(), await ListedAsync(TestCalls.As("victor", Deadline, CrmRoles.SalesManager)));
        Assert.Equal(mine.Order(), await ListedAsync(TestCalls.As("clara", Deadline, CrmRoles.CustomerService)));
    }

    [Fact]
    public async Task The_teams_manager_judges_a_deal_beside_its_owner_and_only_the_owner_sets_its_category()
    {
        var deal = await OpenAsync("Stark Industries", team: "north", owner: "otto");
        var nina = TestCalls.InTeam("north", "nina", Deadline, CrmRoles.SalesManager);
        var otto = TestCalls.InTeam("north", "otto", Deadline, CrmRoles.OutsideSales);

        var judged = await _service.Api.JudgeForecastAsync(new Wire.JudgeForecastRequest { OpportunityId = deal.ToString(), ManagerCategory = Wire.ForecastCategory.BestCase }, nina);
        var committed = await _service.Api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = deal.ToString(), ForecastCategory = Wire.ForecastCategory.Commit }, otto);

        Assert.Equal((Wire.ForecastCategory.BestCase, "nina", 2L), (judged.ManagerCategory, judged.JudgedBy, judged.Version));
        Assert.Equal((Wire.ForecastCategory.Commit, Wire.ForecastCategory.BestCase, 3L), (committed.ForecastCategory, committed.ManagerCategory, committed.Version));
        var published = await _service.EventsAsync<Crm.Contracts.Opportunities.ForecastUpdated>(deal);
        Assert.Equal(
            [(2L, Crm.Contracts.Opportunities.ForecastCategory.Pipeline, (Crm.Contracts.Opportunities.ForecastCategory?)Crm.Contracts.Opportunities.ForecastCategory.BestCase), (3L, Crm.Contracts.Opportunities.ForecastCategory.Commit, Crm.Contracts.Opportunities.ForecastCategory.BestCase)],
            published.Select(e => (e.Version, e.Category, e.ManagerCategory)));

        // The manager may not set the owner's category, nor a rep judge, nor another team's manager either.
        var overruled = await RefusedAsync(_service.Api.UpdateDealAsync(new Wire.UpdateDealRequest { OpportunityId = deal.ToString(), ForecastCategory = Wire.ForecastCategory.Omitted }, nina));
        var byRep = await RefusedAsync(_service.Api.JudgeForecastAsync(new Wire.JudgeForecastRequest { OpportunityId = deal.ToString(), ManagerCategory = Wire.ForecastCategory.Commit }, otto));
        var bySouth = await RefusedAsync(_service.Api.JudgeForecastAsync(
            new Wire.JudgeForecastRequest { OpportunityId = deal.ToString(), ManagerCategory = Wire.ForecastCategory.Commit }, TestCalls.InTeam("south", "sam", Deadline, CrmRoles.SalesManager)));
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.PermissionDenied), (overruled.StatusCode, byRep.StatusCode, bySouth.StatusCode));
        Assert.Contains("only the deal's owner (otto)", overruled.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await _service.Api.GetOpportunityAsync(Get(deal), nina)).Version);
    }

    [Fact]
    public async Task A_member_of_a_deals_team_from_another_sales_team_reads_lists_and_logs_on_it_until_taken_off()
    {
        var deal = await OpenAsync("Oscorp", team: "north", owner: "otto");
        var otto = TestCalls.InTeam("north", "otto", Deadline, CrmRoles.OutsideSales);
        var sara = TestCalls.InTeam("south", "sara-se", Deadline, CrmRoles.OutsideSales);
        var customerId = (await _service.Api.GetOpportunityAsync(Get(deal), otto)).CustomerId;
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(_service.Api.GetOpportunityAsync(Get(deal), sara))).StatusCode);

        var shaped = await _service.Api.SetDealTeamMemberAsync(new Wire.SetDealTeamMemberRequest { OpportunityId = deal.ToString(), MemberId = "sara-se", Role = Wire.DealRole.SalesEngineer }, otto);
        Assert.Equal([("sara-se", Wire.DealRole.SalesEngineer)], shaped.TeamMembers.Select(m => (m.MemberId, m.Role)));
        Assert.Equal(deal.ToString(), (await _service.Api.GetOpportunityAsync(Get(deal), sara)).OpportunityId);
        Assert.Contains((await _service.Api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest(), sara)).Opportunities, o => o.OpportunityId == deal.ToString());
        await _service.Api.LogActivityAsync(
            new Wire.LogActivityRequest { CustomerId = customerId, OpportunityId = deal.ToString(), Kind = Wire.ActivityKind.Meeting, Subject = "Technical demo", Department = Crm.Common.Grpc.V1.Department.OutsideSales }, sara);
        var team = Assert.Single(await _service.EventsAsync<Crm.Contracts.Opportunities.DealTeamChanged>(deal));
        Assert.Equal(("otto", new Crm.Contracts.Opportunities.TeamMember("sara-se", Crm.Contracts.Opportunities.DealRole.SalesEngineer)), (team.OwnerId, Assert.Single(team.Members)));

        // A member shapes no team; the owner takes her off, and she reaches the deal no more.
        var bySara = await RefusedAsync(_service.Api.SetDealTeamMemberAsync(new Wire.SetDealTeamMemberRequest { OpportunityId = deal.ToString(), MemberId = "sid", Role = Wire.DealRole.Partner }, sara));
        Assert.Equal(StatusCode.PermissionDenied, bySara.StatusCode);
        await _service.Api.RemoveDealTeamMemberAsync(new Wire.RemoveDealTeamMemberRequest { OpportunityId = deal.ToString(), MemberId = "sara-se" }, otto);
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(_service.Api.GetOpportunityAsync(Get(deal), sara))).StatusCode);
        Assert.DoesNotContain((await _service.Api.ListOpportunitiesAsync(new Wire.ListOpportunitiesRequest(), sara)).Opportunities, o => o.OpportunityId == deal.ToString());
    }

    private async Task<Guid> OpenAsync(string company, string? team, string owner)
    {
        var conversion = Conversions.Of(company, null) with { SalesTeam = team, OpportunityOwnerId = owner };
        await _service.ConvertAsync(conversion);
        return conversion.OpportunityId;
    }

    private static Wire.GetOpportunityRequest Get(Guid deal) => new() { OpportunityId = deal.ToString() };

    private static async Task<Status> RefusedAsync<T>(AsyncUnaryCall<T> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        return refused.Status;
    }
}
