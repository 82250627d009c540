using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;

namespace Crm.Leads.Tests;

public sealed class BrowsingTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task Leads_are_listed_newest_first_by_campaign_and_status_page_by_page()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign("Spring mailing"), o));
        var captured = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            captured.Add((await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: campaign.CampaignId), o))).Lead.LeadId);
        }

        await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o));
        await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = captured[1], Qualification = Requests.Bant() }, o));

        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await leads.CallAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { CampaignId = campaign.CampaignId, Page = new PageRequest { PageSize = 2, PageToken = token } }, o));
            Assert.InRange(page.Leads.Count, 1, 2);
            Assert.All(page.Leads, l => Assert.Equal(campaign.CampaignId, l.CampaignId));
            seen.AddRange(page.Leads.Select(l => l.LeadId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(Enumerable.Reverse(captured), seen, StringComparer.Ordinal);
        var qualified = await leads.CallAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { CampaignId = campaign.CampaignId, Status = LeadStatus.Qualified }, o));
        Assert.Equal(captured[1], Assert.Single(qualified.Leads).LeadId);
        Assert.Empty(qualified.NextPageToken);
    }

    [Fact]
    public async Task A_page_size_beyond_the_limit_is_clamped()
    {
        for (var i = 0; i < 3; i++)
        {
            await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o));
        }

        var page = await leads.CallAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { Page = new PageRequest { PageSize = 100_000 } }, o));

        Assert.InRange(page.Leads.Count, 3, 200);
    }

    [Fact]
    public async Task Bad_input_at_GetLead_and_ListLeads_names_the_field()
    {
        await leads.InvalidAsync((api, o) => api.GetLeadAsync(new GetLeadRequest(), o), "lead_id");
        await leads.InvalidAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = "42" }, o), "lead_id");
        await leads.InvalidAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { Status = (LeadStatus)12 }, o), "status");
        await leads.InvalidAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { CampaignId = "spring" }, o), "campaign_id");
        await leads.InvalidAsync((api, o) => api.ListLeadsAsync(new ListLeadsRequest { Page = new PageRequest { PageToken = "-3" } }, o), "page.page_token");
    }
}
