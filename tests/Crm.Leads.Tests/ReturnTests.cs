using Crm.Contracts.Opportunities;
using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;
using Money = Crm.Common.Grpc.V1.Money;

namespace Crm.Leads.Tests;

/// <summary>
/// The return on each source and campaign, for a data set whose figures were worked out by hand. The class has a
/// database of its own, so that no other test's leads count.
/// </summary>
public sealed class ReturnTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Leads_outcomes_and_costs_of_a_period_add_up_to_the_hand_computed_return_per_source_and_campaign()
    {
        var fair = await CampaignAsync("Hanover trade fair", CampaignType.TradeShowCampaign, ("EUR", 3_000), ("EUR", 1_500));
        var webinar = await CampaignAsync("Spring webinar", CampaignType.WebCampaign, ("EUR", 1_000));
        var list = await CampaignAsync("Logistics list", CampaignType.PurchasedListCampaign, ("USD", 500));

        // The fair: four leads, three qualified, two converted, one won in EUR and one in USD (counted apart).
        var fairLeads = await LeadsAsync(LeadSource.TradeShow, fair, captured: 4, qualified: 3, converted: 2);
        await WinAsync(fairLeads[0], "EUR", 40_000);
        await WinAsync(fairLeads[1], "USD", 12_000);
        var webinarLeads = await LeadsAsync(LeadSource.WebForm, webinar, captured: 2, qualified: 1, converted: 1);
        await WinAsync(webinarLeads[0], "EUR", 9_000);
        var referral = await LeadsAsync(LeadSource.Referral, campaign: null, captured: 1, qualified: 1, converted: 1);

        // The broker may deliver an event twice: the second copy must change nothing.
        var won = await WinAsync(referral[0], "EUR", 6_000);
        await leads.Bus.Publish(won, TestContext.Current.CancellationToken);
        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", won.EventId) == 1
                && await leads.ScalarAsync("SELECT count(*) FROM leads WHERE won_on IS NOT NULL") == 4,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));

        var report = await ReturnAsync(Today.AddDays(-1), Today.AddDays(1), "EUR");

        AssertFigures(report.Sources.Single(s => s.Source == LeadSource.TradeShow).Figures, 4, 3, 2, 1, 40_000, 4_500, 1_125m, 0.25, 35_500d / 4_500, 1);
        AssertFigures(report.Sources.Single(s => s.Source == LeadSource.WebForm).Figures, 2, 1, 1, 1, 9_000, 1_000, 500m, 0.5, 8, 0);
        AssertFigures(report.Sources.Single(s => s.Source == LeadSource.Referral).Figures, 1, 1, 1, 1, 6_000, 0, 0m, 1, null, 0);
        AssertFigures(report.Sources.Single(s => s.Source == LeadSource.PurchasedList).Figures, 0, 0, 0, 0, 0, 0, null, 0, null, 1);
        Assert.Equal(4, report.Sources.Count);
        AssertFigures(report.Total, 7, 5, 4, 3, 55_000, 5_500, 785.71m, 3d / 7, 9, 2);

        // Campaigns, the largest won revenue first; the referral had none.
        Assert.Equal([fair.CampaignId, webinar.CampaignId, list.CampaignId], report.Campaigns.Select(c => c.CampaignId), StringComparer.Ordinal);
        Assert.Equal((LeadSource.TradeShow, "Hanover trade fair"), (report.Campaigns[0].Source, report.Campaigns[0].Name));
        AssertFigures(report.Campaigns[0].Figures, 4, 3, 2, 1, 40_000, 4_500, 1_125m, 0.25, 35_500d / 4_500, 1);
        AssertFigures(report.Campaigns[2].Figures, 0, 0, 0, 0, 0, 0, null, 0, null, 1);

        // The same data in dollars: only what was won or spent in dollars is summed.
        var dollars = await ReturnAsync(Today.AddDays(-1), Today.AddDays(1), "USD");
        AssertFigures(dollars.Total, 7, 5, 4, 1, 12_000, 500, 71.43m, 1d / 7, 23, 6);

        // A period with none of it.
        var empty = await ReturnAsync(Today.AddDays(-30), Today.AddDays(-2), "EUR");
        Assert.Empty(empty.Sources);
        Assert.Empty(empty.Campaigns);
        AssertFigures(empty.Total, 0, 0, 0, 0, 0, 0, null, 0, null, 0);
    }

    [Fact]
    public async Task A_missing_or_reversed_date_a_period_over_five_years_or_an_unknown_currency_is_named()
    {
        var good = new GetMarketingReturnRequest { From = Day(Today.AddDays(-7)), To = Day(Today), CurrencyCode = "EUR" };

        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.From = null), o), "from");
        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.To = null), o), "to");
        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.To = Day(Today.AddDays(-8))), o), "to");
        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.From = Day(Today.AddYears(-5).AddDays(-1))), o), "to");
        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.CurrencyCode = "eur"), o), "currency_code");
        await leads.InvalidAsync((api, o) => api.GetMarketingReturnAsync(With(r => r.CurrencyCode = string.Empty), o), "currency_code");

        GetMarketingReturnRequest With(Action<GetMarketingReturnRequest> change)
        {
            var request = good.Clone();
            change(request);
            return request;
        }
    }

    private static void AssertFigures(
        ReturnFigures figures, long leadCount, long qualified, long converted, long won, long revenue, long cost, decimal? costPerLead, double closeRatio, double? roi, long inOtherCurrencies)
    {
        Assert.Equal((leadCount, qualified, converted, won), (figures.Leads, figures.Qualified, figures.Converted, figures.WonDeals));
        Assert.Equal((revenue, 0), (figures.WonRevenue.Units, figures.WonRevenue.Nanos));
        Assert.Equal((cost, 0), (figures.Cost.Units, figures.Cost.Nanos));
        Assert.Equal(costPerLead, figures.CostPerLead is null ? null : figures.CostPerLead.Units + (figures.CostPerLead.Nanos / 1_000_000_000m));
        Assert.Equal(closeRatio, figures.CloseRatio, 9);
        Assert.Equal(roi.HasValue, figures.HasRoi);
        Assert.Equal(roi ?? 0, figures.Roi, 9);
        Assert.Equal(inOtherCurrencies, figures.InOtherCurrencies);
    }

    private Task<MarketingReturn> ReturnAsync(DateOnly from, DateOnly to, string currency) => leads.CallAsync((api, o) =>
        api.GetMarketingReturnAsync(new GetMarketingReturnRequest { From = Day(from), To = Day(to), CurrencyCode = currency }, o));

    private async Task<Campaign> CampaignAsync(string name, CampaignType type, params (string Currency, long Units)[] costs)
    {
        var request = Requests.Campaign(name);
        request.Type = type;
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(request, o));
        foreach (var (currency, units) in costs)
        {
            campaign = await leads.CallAsync((api, o) => api.RecordCampaignCostAsync(
                new RecordCampaignCostRequest { CampaignId = campaign.CampaignId, Amount = new Money { CurrencyCode = currency, Units = units }, Description = "stand" }, o));
        }

        return campaign;
    }

    /// <summary>Captures leads and takes the first ones through qualification and conversion; the converted come first.</summary>
    private async Task<IReadOnlyList<ConvertLeadResponse>> LeadsAsync(LeadSource source, Campaign? campaign, int captured, int qualified, int converted)
    {
        var conversions = new List<ConvertLeadResponse>();
        for (var i = 0; i < captured; i++)
        {
            var request = Requests.Lead(campaignId: campaign?.CampaignId ?? string.Empty);
            request.Source = source;
            var lead = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(request, o))).Lead;
            if (i < qualified)
            {
                await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o));
            }

            if (i < converted)
            {
                conversions.Add(await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o)));
            }
        }

        return conversions;
    }

    /// <summary>What the opportunities service publishes when the deal a lead became is won.</summary>
    private async Task<OpportunityWon> WinAsync(ConvertLeadResponse converted, string currency, decimal total)
    {
        var won = new OpportunityWon(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.Parse(converted.OpportunityId), 5, "oscar.outside",
            [], new Contracts.Money(currency, total), Today, null, null);
        await leads.Bus.Publish(won, TestContext.Current.CancellationToken);
        return won;
    }

    private static Date Day(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
