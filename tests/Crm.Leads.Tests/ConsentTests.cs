using Crm.Common.Grpc.V1;
using Crm.Contracts.Leads;
using Crm.Grpc.Security;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Testing;

namespace Crm.Leads.Tests;

/// <summary>A lead's consent to each channel and their opt-outs: the latest word per channel stands, and tells other services.</summary>
public sealed class ConsentTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Consent_and_an_opt_out_are_kept_per_channel_with_who_and_where_and_published()
    {
        var maria = TestCalls.As("maria", Deadline, CrmRoles.Marketing);
        var lead = (await leads.Api.CaptureLeadAsync(Requests.Lead(), maria)).Lead;

        await leads.Api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = true, Source = "trade fair sign-up form" }, maria);
        await leads.Api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Phone, Granted = false }, maria);
        var optedOut = await leads.Api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = false, Source = "unsubscribe link" }, maria);
        var again = await leads.Api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = false, Source = "unsubscribe link" }, maria);

        Assert.Equal(
            [(ContactChannel.Email, false, "unsubscribe link"), (ContactChannel.Phone, false, string.Empty)],
            optedOut.Consents.Select(c => (c.Channel, c.Granted, c.Source)));
        Assert.All(optedOut.Consents, c => Assert.Equal("maria", c.RecordedBy));
        Assert.Equal(4, optedOut.Version);
        Assert.Equal(optedOut, again);
        var published = await leads.EventsAsync<LeadConsentRecorded>(Guid.Parse(lead.LeadId));
        Assert.Equal([2L, 3L, 4L], published.Select(e => e.Version));
        Assert.Equal(Contracts.ContactChannel.Email, published[^1].Consent.Channel);
        Assert.False(published[^1].Consent.Granted);
    }

    [Fact]
    public async Task Consent_without_where_it_was_given_or_without_a_channel_is_refused_naming_the_field()
    {
        var lead = (await leads.Api.CaptureLeadAsync(Requests.Lead(), TestCalls.As("maria", Deadline, CrmRoles.Marketing))).Lead;

        await leads.InvalidAsync((api, o) => api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Channel = ContactChannel.Email, Granted = true }, o), "source");
        await leads.InvalidAsync((api, o) => api.RecordLeadConsentAsync(new RecordLeadConsentRequest { LeadId = lead.LeadId, Granted = false }, o), "channel");
    }
}
