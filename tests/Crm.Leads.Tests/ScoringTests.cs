using Crm.Contracts.Opportunities;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;

namespace Crm.Leads.Tests;

/// <summary>A lead's score: fit from who they are, engagement from what they did (events included), every point explained.</summary>
public sealed class ScoringTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task Fit_counts_the_company_the_person_and_what_qualification_learnt_each_point_with_its_reason()
    {
        var captured = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o))).Lead;

        // 420 employees and a decision maker.
        Assert.Equal(25, captured.Score);
        Assert.Equal(["fit: 250 employees or more +10", "fit: the person is the decision maker +15"], Explained(captured));

        var bant = Requests.Bant();
        bant.DecisionBy = Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
        var qualified = await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = captured.LeadId, Qualification = bant }, o));
        Assert.Equal(55, qualified.Score);
        Assert.Equal(
            ["fit: 250 employees or more +10", "fit: the person is the decision maker +15", "fit: has a budget +10", "fit: speaks with authority to buy +10", "fit: decides within 90 days of qualification +5", "fit: urgent +5"],
            Explained(qualified));

        // A small company's influencer without a budget scores little.
        var small = Requests.Lead();
        (small.Company.EmployeeCount, small.Contact.BuyingRole) = (12, Common.Grpc.V1.BuyingRole.Influencer);
        var influencer = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(small, o))).Lead;
        Assert.Equal(5, influencer.Score);
        Assert.Equal(["fit: the person is the influencer +5"], Explained(influencer));
    }

    [Fact]
    public async Task Engagement_counts_the_meetings_the_deal_brings_and_an_opt_out_counts_against()
    {
        var lead = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o))).Lead;
        await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o));
        var converted = await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o));
        var before = converted.Lead.Score;

        // Two meetings about the deal, one delivered twice: two meetings count.
        var first = Meeting(converted);
        await leads.Bus.Publish(first, TestContext.Current.CancellationToken);
        await leads.Bus.Publish(first, TestContext.Current.CancellationToken);
        var second = Meeting(converted);
        await leads.Bus.Publish(second, TestContext.Current.CancellationToken);
        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", second.EventId) == 1,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));

        var met = await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, o));
        Assert.Equal(before + 30, met.Score);
        Assert.Contains("engagement: 2 meeting(s) scheduled +30", Explained(met), StringComparer.Ordinal);

        var optedOut = await leads.CallAsync((api, o) => api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = Common.Grpc.V1.ContactChannel.Phone, Granted = false }, o));
        Assert.Equal(before + 20, optedOut.Score);
        Assert.Contains("engagement: opted out -10", Explained(optedOut), StringComparer.Ordinal);
    }

    private static MeetingScheduled Meeting(ConvertLeadResponse converted) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), 1, Guid.Parse(converted.OpportunityId), "Demo",
        DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(2).AddHours(1), "oscar.outside", []);

    private static string[] Explained(Lead lead) =>
        [.. lead.ScoreContributions.Select(c => $"{c.Part}: {c.Reason} {(c.Points >= 0 ? "+" : string.Empty)}{c.Points}")];

    private static Common.Grpc.V1.Date Day(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
