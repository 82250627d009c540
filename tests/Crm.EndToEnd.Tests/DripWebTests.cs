using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crm.EndToEnd.Tests;

/// <summary>Drip marketing in the browser: marketing saves a segment and starts a cadence whose step is a call; the
/// scheduler puts the call in Inside Sales' queue with no one acting, where it is made and logged.</summary>
public sealed class DripWebTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task Marketing_starts_a_cadence_and_its_call_lands_in_inside_sales_queue_where_it_is_logged()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var campaign = await _journey.CallAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest { Name = $"Webinar {tag}", Type = CampaignType.WebCampaign }, o), "maria");
        var company = $"Basalt Works {tag}";
        var lead = await _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = LeadSource.WebForm,
            CampaignId = campaign.CampaignId,
            Company = new Company { Name = company },
            Contact = new Person { FirstName = "Bruno", LastName = "Basalt", Phone = "+49 30 " + Random.Shared.Next(2_000_000, 9_000_000) },
        }, o), "maria");

        await using var maria = await WebBrowser.OpenAsync();
        await maria.GoAsSignedInAsync(platform, "maria", "/cadences");
        var segmentForm = maria.Page.GetByTestId("create-segment");
        await segmentForm.GetByLabel("Segment name").FillAsync($"Webinar {tag} visitors");
        await maria.ChooseAsync("Campaign", campaign.Name, segmentForm);
        await segmentForm.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();

        await TheSegmentExportsItsLeadAsync(maria, tag, company, lead.Lead);

        var cadenceForm = maria.Page.GetByTestId("start-cadence");
        await Expect(cadenceForm.Locator(".mud-select").Filter(new() { HasTextString = $"Webinar {tag} visitors" }).First).ToBeVisibleAsync();
        await cadenceForm.GetByLabel("Cadence name").FillAsync($"Call after webinar {tag}");
        await maria.ChooseAsync("Step 1 channel", "Phone call task", cadenceForm);
        await cadenceForm.GetByLabel("Step 1 subject").FillAsync("Follow up the webinar");
        await cadenceForm.GetByLabel("Step 1 text").FillAsync("Ask {first_name} at {company} what they took from it.");
        await cadenceForm.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        var cadenceRow = maria.Page.GetByTestId("cadences").Locator("tr").Filter(new() { HasTextString = $"Call after webinar {tag}" });
        await Expect(cadenceRow).ToContainTextAsync("Active");
        await Expect(maria.Page.GetByTestId("problem")).Not.ToBeVisibleAsync();
        await maria.ScreenshotAsync("cadences");

        // No one acts: the scheduler's sweep puts the call in the queue.
        await using var irene = await WebBrowser.OpenAsync();
        await irene.ReloadUntilSignedInAsync(platform, "irene", "/calls", page => page.GetByTestId("call-task").Filter(new() { HasTextString = company }));
        var call = irene.Page.GetByTestId("call-task").Filter(new() { HasTextString = company });
        await Expect(call).ToContainTextAsync("Follow up the webinar");
        await Expect(call).ToContainTextAsync($"Ask Bruno at {company} what they took from it.");
        await irene.ScreenshotAsync("call-queue");
        await call.GetByLabel("What came of the call").FillAsync("Reached Bruno; wants a demo in March");
        await call.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(call).ToHaveCountAsync(0);
        await irene.Page.ReloadAsync();
        await irene.Page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(irene.Page.GetByTestId("call-tasks")).Not.ToContainTextAsync(company);

        // The cadence's figures count the lead it took in; stopped, it runs no step more.
        await maria.ReloadUntilAsync(platform, "/cadences", page => page.GetByTestId("cadences").Locator("tr").Filter(new() { HasTextString = $"Call after webinar {tag}" }).Locator("td[data-label=Enrolled]").GetByText("1", new() { Exact = true }));
        await cadenceRow.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(cadenceRow).ToContainTextAsync("Stopped");
    }

    [Fact]
    public async Task Marketing_saves_a_segment_of_customers_contacts_and_downloads_the_contacts_the_account_team_added()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var industry = $"Glassworks {tag}";
        var account = await _journey.CallAsync((api, o) => api.Opportunities.CreateAccountAsync(new Crm.Opportunities.Grpc.V1.CreateAccountRequest
        {
            Name = $"Klarglas {tag} AB",
            Industry = industry,
            Address = new PostalAddress { Street = "Hamngatan 2", City = "Malmö", PostalCode = "21120", Country = "SE" },
        }, o), "otto");
        var contact = await _journey.CallAsync((api, o) => api.Opportunities.AddContactAsync(new Crm.Opportunities.Grpc.V1.AddContactRequest
        {
            CustomerId = account.CustomerId,
            FirstName = "Sigrid",
            LastName = "Klar",
            Email = $"sigrid.{tag}@klarglas.example",
            BuyingRole = BuyingRole.EconomicBuyer,
        }, o), "otto");

        await using var maria = await WebBrowser.OpenAsync();
        await maria.GoAsSignedInAsync(platform, "maria", "/cadences");
        var segmentForm = maria.Page.GetByTestId("create-segment");
        await segmentForm.GetByLabel("Segment name").FillAsync($"Glassworks {tag} buyers");
        await maria.ChooseAsync("Who", "Customers' contacts", segmentForm);
        await segmentForm.GetByLabel("Industry").FillAsync(industry.ToUpperInvariant());
        await segmentForm.GetByLabel("Country").FillAsync("se");
        await segmentForm.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();

        var segmentRow = maria.Page.GetByTestId("segments").Locator("tr").Filter(new() { HasTextString = $"Glassworks {tag} buyers" });
        await Expect(segmentRow).ToContainTextAsync($"Customers' contacts: industry {industry.ToUpperInvariant()}, country SE");
        await Expect(segmentRow.GetByRole(AriaRole.Link, new() { Name = "Leads (CSV)" })).ToHaveCountAsync(0);
        var export = new Uri(platform.WebAddress, await segmentRow.GetByRole(AriaRole.Link, new() { Name = "Contacts (CSV)" }).GetAttributeAsync("href")).ToString();

        // The contact reaches the leads service by opportunities' events: the download holds them once they arrived.
        var lines = await _journey.EventuallyAsync(
            "the contact in the segment's download",
            async () => (await (await maria.Page.Context.APIRequest.GetAsync(export)).TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries),
            lines => lines.Length > 1);
        Assert.Equal("company,first name,last name,e-mail,phone,title,industry,country,persona,customer id,contact id", lines[0]);
        Assert.Equal($"Klarglas {tag} AB,Sigrid,Klar,sigrid.{tag}@klarglas.example,,,{industry},SE,EconomicBuyer,{account.CustomerId},{contact.ContactId}", Assert.Single(lines[1..]));
    }

    /// <summary>The segment is listed with its filter in words, and its leads download as a list that imports again.</summary>
    private async Task TheSegmentExportsItsLeadAsync(WebBrowser maria, string tag, string company, Lead lead)
    {
        var segmentRow = maria.Page.GetByTestId("segments").Locator("tr").Filter(new() { HasTextString = $"Webinar {tag} visitors" });
        await Expect(segmentRow).ToContainTextAsync($"campaign Webinar {tag}");
        var export = await segmentRow.GetByRole(AriaRole.Link, new() { Name = "Leads (CSV)" }).GetAttributeAsync("href");
        var csv = await (await maria.Page.Context.APIRequest.GetAsync(new Uri(platform.WebAddress, export).ToString())).TextAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("company,first name,last name,e-mail,phone,title,industry,region,country,source,score,status,lead id", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith($"{company},Bruno,Basalt,,+4930", row, StringComparison.Ordinal);
        Assert.EndsWith($",WebForm,{lead.Score},New,{lead.LeadId}", row, StringComparison.Ordinal);
    }
}
