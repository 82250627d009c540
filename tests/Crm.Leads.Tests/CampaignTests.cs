using Crm.Common.Grpc.V1;
using Crm.Contracts.Leads;
using Grpc.Core;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;

namespace Crm.Leads.Tests;

public sealed class CampaignTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task Launching_a_campaign_stores_it_and_publishes_CampaignLaunched()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));

        Assert.Equal("Hanover trade fair", campaign.Name);
        Assert.Equal(CampaignType.TradeShowCampaign, campaign.Type);
        Assert.Equal(1, campaign.Version);
        Assert.Equal(25_000, campaign.Budget.Units);
        Assert.Null(campaign.TotalCost);
        Assert.Equal(campaign, await leads.CallAsync((api, o) => api.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign.CampaignId }, o)));

        var launched = Assert.Single(await leads.EventsAsync<CampaignLaunched>(Guid.Parse(campaign.CampaignId)));
        Assert.Equal(1, launched.Version);
        Assert.Equal("Hanover trade fair", launched.Name);
        Assert.Equal(Contracts.LeadSource.TradeShow, launched.Source);
        Assert.Equal(new DateOnly(2026, 4, 20), launched.StartsOn);
        Assert.Equal(new DateOnly(2026, 4, 24), launched.EndsOn);
        Assert.Equal(new Contracts.Money("EUR", 25_000), launched.Budget);
    }

    [Fact]
    public async Task Recorded_costs_add_up_and_each_publishes_CampaignCostRecorded_with_the_total()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));

        await leads.CallAsync((api, o) => api.RecordCampaignCostAsync(Cost(campaign, units: 1_000, nanos: 500_000_000, "Stand rental"), o));
        var after = await leads.CallAsync((api, o) => api.RecordCampaignCostAsync(Cost(campaign, units: 500, nanos: 0, "Brochures"), o));

        Assert.Equal(3, after.Version);
        Assert.Equal(new Money { CurrencyCode = "EUR", Units = 1_500, Nanos = 500_000_000 }, after.TotalCost);
        Assert.Equal(2, await leads.ScalarAsync("SELECT count(*) FROM campaign_costs WHERE campaign_id = $1", Guid.Parse(campaign.CampaignId)));
        var costs = await leads.EventsAsync<CampaignCostRecorded>(Guid.Parse(campaign.CampaignId));
        Assert.Equal([2L, 3L], costs.Select(c => c.Version));
        Assert.Equal(new Contracts.Money("EUR", 1_000.5m), costs[0].Cost);
        Assert.Equal("Brochures", costs[1].Description);
        Assert.Equal(new Contracts.Money("EUR", 1_500.5m), costs[1].TotalCost);
    }

    [Fact]
    public async Task A_cost_in_another_currency_than_earlier_costs_is_refused_naming_the_currency()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));
        await leads.CallAsync((api, o) => api.RecordCampaignCostAsync(Cost(campaign, 1_000, 0, "Stand rental"), o));
        var dollars = Cost(campaign, 200, 0, "Flights");
        dollars.Amount.CurrencyCode = "USD";

        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(dollars, o), "amount.currency_code");

        var stored = await leads.CallAsync((api, o) => api.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign.CampaignId }, o));
        Assert.Equal(1_000, stored.TotalCost.Units);
    }

    [Fact]
    public async Task A_cost_of_a_campaign_that_does_not_exist_is_NOT_FOUND()
    {
        var request = new RecordCampaignCostRequest { CampaignId = Guid.NewGuid().ToString(), Amount = new Money { CurrencyCode = "EUR", Units = 10 } };

        var status = await leads.RefusedAsync((api, o) => api.RecordCampaignCostAsync(request, o), StatusCode.NotFound);

        Assert.StartsWith("campaign_id: ", status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, (await leads.FailureAsync((api, o) => api.GetCampaignAsync(new GetCampaignRequest { CampaignId = request.CampaignId }, o))).StatusCode);
    }

    [Fact]
    public async Task Bad_input_at_LaunchCampaign_names_the_field_and_changes_nothing()
    {
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.Name = "  "), o), "name");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.Type = CampaignType.Unspecified), o), "type");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.Type = (CampaignType)99), o), "type");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.EndsOn = new Date { Year = 2026, Month = 4, Day = 19 }), o), "ends_on");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.StartsOn = new Date { Year = 2026, Month = 2, Day = 30 }), o), "starts_on");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.Budget.CurrencyCode = "euro"), o), "budget.currency_code");
        await leads.InvalidAsync((api, o) => api.LaunchCampaignAsync(With(r => r.Budget.Units = -5), o), "budget");

        static LaunchCampaignRequest With(Action<LaunchCampaignRequest> change)
        {
            var request = Requests.Campaign();
            change(request);
            return request;
        }
    }

    [Fact]
    public async Task Bad_input_at_RecordCampaignCost_names_the_field_and_changes_nothing()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));

        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.CampaignId = ""), o), "campaign_id");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.CampaignId = "booth-7"), o), "campaign_id");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.Amount = null), o), "amount");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.Amount.Units = 0), o), "amount");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.Amount.Units = -100), o), "amount");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.Amount.Nanos = -1), o), "amount.nanos");
        await leads.InvalidAsync((api, o) => api.RecordCampaignCostAsync(With(r => r.Description = new string('x', 501)), o), "description");
        await leads.InvalidAsync((api, o) => api.GetCampaignAsync(new GetCampaignRequest { CampaignId = "" }, o), "campaign_id");

        RecordCampaignCostRequest With(Action<RecordCampaignCostRequest> change)
        {
            var request = Cost(campaign, 100, 0, "Badges");
            change(request);
            return request;
        }
    }

    [Fact]
    public async Task Campaigns_are_listed_newest_first_page_by_page()
    {
        var launched = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            launched.Add((await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign($"Webinar {i}"), o))).CampaignId);
        }

        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await leads.CallAsync((api, o) => api.ListCampaignsAsync(new ListCampaignsRequest { Page = new PageRequest { PageSize = 2, PageToken = token } }, o));
            Assert.InRange(page.Campaigns.Count, 1, 2);
            seen.AddRange(page.Campaigns.Select(c => c.CampaignId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Reverse(launched), seen.Where(id => launched.Contains(id, StringComparer.Ordinal)), StringComparer.Ordinal);
        await leads.InvalidAsync((api, o) => api.ListCampaignsAsync(new ListCampaignsRequest { Page = new PageRequest { PageToken = "yesterday" } }, o), "page.page_token");
    }

    private static RecordCampaignCostRequest Cost(Campaign campaign, long units, int nanos, string description) => new()
    {
        CampaignId = campaign.CampaignId,
        Amount = new Money { CurrencyCode = "EUR", Units = units, Nanos = nanos },
        Description = description,
    };
}
