using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using static Crm.Api.LeadsMethods;

namespace Crm.Leads.Tests;

public sealed class BrowsingTests(LeadsService leads) : IClassFixture<LeadsService>
{
    [Fact]
    public async Task Leads_are_listed_newest_first_by_campaign_and_status_page_by_page()
    {
        var campaign = await leads.CallAsync(LaunchCampaign, Requests.Campaign("Spring mailing"));
        var captured = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            captured.Add((await leads.CallAsync(CaptureLead, Requests.Lead(campaignId: campaign.CampaignId))).Lead.LeadId);
        }

        await leads.CallAsync(CaptureLead, Requests.Lead());
        await leads.CallAsync(QualifyLead, new QualifyLeadRequest { LeadId = captured[1], Qualification = Requests.Bant() });

        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await leads.CallAsync(ListLeads, new ListLeadsRequest { CampaignId = campaign.CampaignId, Page = new PageRequest { PageSize = 2, PageToken = token } });
            Assert.InRange(page.Leads.Count, 1, 2);
            Assert.All(page.Leads, l => Assert.Equal(campaign.CampaignId, l.CampaignId));
            seen.AddRange(page.Leads.Select(l => l.LeadId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(Enumerable.Reverse(captured), seen, StringComparer.Ordinal);
        var qualified = await leads.CallAsync(ListLeads, new ListLeadsRequest { CampaignId = campaign.CampaignId, Status = LeadStatus.Qualified });
        Assert.Equal(captured[1], Assert.Single(qualified.Leads).LeadId);
        Assert.Empty(qualified.NextPageToken);
    }

    [Fact]
    public async Task A_page_size_beyond_the_limit_is_clamped()
    {
        for (var i = 0; i < 3; i++)
        {
            await leads.CallAsync(CaptureLead, Requests.Lead());
        }

        var page = await leads.CallAsync(ListLeads, new ListLeadsRequest { Page = new PageRequest { PageSize = 100_000 } });

        Assert.InRange(page.Leads.Count, 3, 200);
    }

    [Fact]
    public async Task Bad_input_at_GetLead_and_ListLeads_names_the_field()
    {
        await leads.InvalidAsync(GetLead, new GetLeadRequest(), "lead_id");
        await leads.InvalidAsync(GetLead, new GetLeadRequest { LeadId = "42" }, "lead_id");
        await leads.InvalidAsync(ListLeads, new ListLeadsRequest { Status = (LeadStatus)12 }, "status");
        await leads.InvalidAsync(ListLeads, new ListLeadsRequest { CampaignId = "spring" }, "campaign_id");
        await leads.InvalidAsync(ListLeads, new ListLeadsRequest { Page = new PageRequest { PageToken = "-3" } }, "page.page_token");
    }
}
