using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Drip marketing on the platform as <c>./build.sh run</c> starts it, with two replicas of the leads service: a
/// cadence started through the gateway e-mails its segment's lead with no human action, once, into the app host's
/// SMTP sink, and the e-mail's opt-out link works.
/// </summary>
public sealed class DripMarketingTests(PlatformFixture platform)
{
    private readonly Journey _journey = new(platform);

    [Fact]
    public async Task A_cadence_emails_its_segment_once_into_the_local_sink_and_the_opt_out_link_works()
    {
        var campaign = await _journey.CallAsync((api, o) => api.Leads.LaunchCampaignAsync(new LaunchCampaignRequest { Name = $"Drip {Guid.NewGuid():N}"[..13], Type = CampaignType.TradeShowCampaign }, o), "maria");
        var email = $"lena@{Guid.NewGuid():N}.example";
        var lead = (await _journey.CallAsync((api, o) => api.Leads.CaptureLeadAsync(new CaptureLeadRequest
        {
            Source = LeadSource.TradeShow,
            CampaignId = campaign.CampaignId,
            Company = new Company { Name = "Lumen Forge" },
            Contact = new Person { FirstName = "Lena", LastName = "Lindqvist", Email = email, BuyingRole = BuyingRole.EconomicBuyer },
        }, o), "maria")).Lead;
        var segment = await _journey.CallAsync((api, o) => api.Leads.CreateSegmentAsync(new CreateSegmentRequest { Name = campaign.Name, Filter = new SegmentFilter { CampaignIds = { campaign.CampaignId } } }, o), "maria");
        await _journey.CallAsync((api, o) => api.Leads.StartCadenceAsync(new StartCadenceRequest
        {
            Name = "Fair follow-up",
            SegmentId = segment.SegmentId,
            Steps = { new CadenceStep { Channel = TouchChannel.Email, Wait = Duration.FromTimeSpan(TimeSpan.Zero), Subject = "Thank you for visiting", Body = "Dear {first_name}, thank you." } },
        }, o), "maria");

        // The scheduler's next sweep, on either replica, sends it: no one calls anything.
        var touches = await _journey.EventuallyAsync(
            "the cadence touches the lead",
            () => _journey.CallAsync((api, o) => api.Leads.ListTouchesAsync(new ListTouchesRequest { LeadId = lead.LeadId }, o), "maria"),
            t => t.Touches.Count > 0);
        Assert.Equal("Thank you for visiting", Assert.Single(touches.Touches).Subject);
        var mail = await _journey.EventuallyAsync(
            $"the cadence's e-mail reaches the sink in {platform.MailFolder}",
            () => Task.FromResult(MailsTo(email)),
            mails => mails.Count > 0);
        var text = Assert.Single(mail);
        Assert.Contains("Subject: Thank you for visiting", text, StringComparison.Ordinal);
        Assert.Contains("Dear Lena, thank you.", text, StringComparison.Ordinal);

        // The List-Unsubscribe header's link goes to the web app, which passes it to the leads service's page: it asks
        // first, and one click (a POST) opts the person out of e-mail.
        var link = System.Text.RegularExpressions.Regex.Match(text, @"<(?<link>http://[^\s>]+/opt-out/[0-9a-f]{32})>", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Groups["link"].Value;
        Assert.StartsWith(platform.WebAddress.GetLeftPart(UriPartial.Authority).Replace("127.0.0.1", "localhost", StringComparison.Ordinal), link.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), StringComparison.Ordinal);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(link), TestContext.Current.CancellationToken);
        Assert.Contains("<button", page, StringComparison.Ordinal);
        using var response = await http.PostAsync(new Uri(link), new StringContent("List-Unsubscribe=One-Click"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var optedOut = await _journey.CallAsync((api, o) => api.Leads.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, o), "maria");
        Assert.Equal((ContactChannel.Email, false), (Assert.Single(optedOut.Consents).Channel, optedOut.Consents[0].Granted));
        Assert.Single(MailsTo(email));
    }

    private List<string> MailsTo(string email) =>
        !Directory.Exists(platform.MailFolder)
            ? []
            : [.. Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText).Where(t => t.Contains($"<{email}>", StringComparison.OrdinalIgnoreCase) || t.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))];
}
