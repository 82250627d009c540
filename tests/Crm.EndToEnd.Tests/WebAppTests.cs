using Crm.Api;
using Crm.Gateway.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crm.EndToEnd.Tests;

/// <summary>People at work in the browser: signed in through the identity service, calling the platform through the
/// gateway with their own token.</summary>
public sealed class WebAppTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task A_rep_signs_in_finds_a_customer_by_name_and_sees_the_customer_page_with_its_contact_and_timeline()
    {
        var company = $"Cobalt Looms {Guid.NewGuid():N}"[..21];
        var customerId = await ACustomerAsync(company);

        await using var browser = await WebBrowser.OpenAsync();
        await browser.GoAsSignedInAsync(platform, "otto", "/");
        await Expect(browser.Page.GetByTestId("signed-in-as")).ToHaveTextAsync("Otto Outside");

        await browser.Page.GetByLabel("Name, e-mail or phone").FillAsync(company);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await browser.Page.GetByText(company).ClickAsync();

        await Expect(browser.Page).ToHaveURLAsync(new Uri(platform.WebAddress, $"customers/{customerId}").ToString());
        await Expect(browser.Page.GetByTestId("customer-name")).ToHaveTextAsync(company);
        await Expect(browser.Page.GetByTestId("contacts").GetByText("Wendy Weaver")).ToBeVisibleAsync();
        await Expect(browser.Page.GetByTestId("timeline").GetByText("Confirmed the loom count")).ToBeVisibleAsync();
        await Expect(browser.Page.GetByTestId("timeline").GetByText("Lead captured by referral: Wendy Weaver")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("customer");
    }

    private async Task<string> ACustomerAsync(string company)
    {
        var lead = (await _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = Crm.Common.Grpc.V1.LeadSource.Referral,
            Company = new Company { Name = company },
            Contact = new Person { FirstName = "Wendy", LastName = "Weaver", Email = $"wendy@{Guid.NewGuid():N}.example", BuyingRole = Crm.Common.Grpc.V1.BuyingRole.EconomicBuyer },
        }, o), "maria")).Lead;
        await _journey.CallAsync((api, o) => api.Leads.QualifyLeadAsync(new QualifyLeadRequest
        {
            LeadId = lead.LeadId,
            Qualification = new Qualification { Budget = MoneyConversions.ToMoney(50000m, "EUR"), HasAuthority = true, Need = "Looms", DecisionBy = DateConversions.ToDate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)), Urgency = Urgency.Medium },
        }, o), "irene");
        var converted = await _journey.CallAsync((api, o) => api.Leads.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "otto", OpportunityName = "Looms" }, o), "irene");
        var opportunity = await _journey.EventuallyAsync(
            "the deal is open",
            () => _journey.CallAsync((api, o) => api.Opportunities.GetOpportunityAsync(new GetOpportunityRequest { OpportunityId = converted.OpportunityId }, o)),
            o => o.CustomerId.Length > 0);
        await _journey.CallAsync((api, o) => api.Opportunities.LogActivityAsync(new LogActivityRequest
        {
            CustomerId = opportunity.CustomerId, OpportunityId = converted.OpportunityId, Kind = ActivityKind.Call,
            Subject = "Confirmed the loom count", Department = Crm.Common.Grpc.V1.Department.OutsideSales,
        }, o), "otto");
        return opportunity.CustomerId;
    }
}
