using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using CrmPlatform.AppHost.Demo;

namespace Crm.EndToEnd.Tests;

/// <summary>The demo company that <c>./build.sh run</c> loads: the view a newcomer opens first must be alive.</summary>
public sealed class DemoCompanyTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task The_featured_demo_customer_shows_every_department_and_the_signals_that_join_them()
    {
        var featured = await new DemoLoader(platform.Gateway, platform.People, TestContext.Current.CancellationToken).LoadAsync();

        var view = await _journey.EventuallyAsync("the featured customer's view has settled",
            () => _journey.CallAsync((api, o) => api.CustomerView.GetCustomerViewAsync(new GetCustomerViewRequest { CustomerId = featured }, o)),
            v => v.Sections.All(s => s.State == SectionState.Ok)
                && v.Credit is { OnHold: true } && v.Cases.Count == 2 && v.Signals.Any(s => s.Kind == SignalKind.OpenP1BeforeMeeting));
        Assert.Equal(DemoData.FeaturedCompany, view.Account.Name);
        Assert.Contains(view.Signals, s => s.Kind == SignalKind.CreditHold);
        Assert.Contains(view.Opportunities, o => o.Stage == Stage.Won);
        Assert.Single(view.UpcomingMeetings);
        Assert.Contains(view.Orders, o => o.Shipment is not null && o.Invoices.Count == 1);
        Assert.Contains(view.Origin.Leads, l => l.Source == Crm.Common.Grpc.V1.LeadSource.TradeShow);

        // Leads in every state, and deals in every stage from Qualification to Won and Lost.
        var leads = await _journey.CallAsync((api, o) => api.Leads.ListLeadsAsync(new ListLeadsRequest { Page = new Crm.Common.Grpc.V1.PageRequest { PageSize = 200 } }, o));
        var demoLeads = leads.Leads.Where(l => DemoData.Leads.Any(d => d.Company == l.Company.Name)).ToList();
        Assert.Equal(
            new[] { LeadStatus.New, LeadStatus.Qualified, LeadStatus.Disqualified, LeadStatus.Converted },
            demoLeads.Select(l => l.Status).Distinct().Order());
        var stages = new List<Stage>();
        foreach (var lead in demoLeads.Where(l => l.Status == LeadStatus.Converted))
        {
            stages.Add((await _journey.EventuallyAsync("the demo deal is open",
                () => _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = lead.OpportunityId }, o)),
                _ => true)).Stage);
        }

        Assert.Equal(new[] { Stage.Proposal, Stage.Negotiation, Stage.HandlingObjections, Stage.Closing, Stage.Won, Stage.Lost }, stages.Distinct().Order());

        // Two years of sales behind the forecasts: the accuracy backtest measures each of the history's eight reps in
        // each of the last four quarters, and the deals it gave each chance to are spread over the deciles.
        var accuracy = await _journey.EventuallyAsync("the demo's history has reached the forecasts",
            () => _journey.CallAsync((api, o) => api.Forecasts.GetForecastAccuracyAsync(new Crm.Forecasts.Grpc.V1.GetForecastAccuracyRequest { Quarters = 4, CurrencyCode = "EUR" }, o)),
            a => a.RepQuarters >= DemoHistory.SalesForce.Sum(t => t.Reps.Length) * 4,
            patience: TimeSpan.FromMinutes(4));
        Assert.True(accuracy.Calibration.Count(b => b.Deals > 0) >= 5, $"deals in {accuracy.Calibration.Count(b => b.Deals > 0)} deciles");
    }
}
