extern alias service;

using System.Reflection;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Domain;
using Google.Protobuf.Reflection;
using service::Crm.Leads.Domain;
using WireLeads = service::Crm.Leads.Grpc.V1;

namespace Crm.Leads.Tests.Domain;

/// <summary>A lead's rules as a plain object: no database, no gRPC. Each change raises the event other services read.</summary>
public sealed class LeadTests
{
    private static readonly DateTimeOffset Captured = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Qualification Bant = new(new Money("EUR", 50_000m), true, "Replace the spreadsheets", null, 3, []);

    private static Lead NewLead()
    {
        var lead = Lead.Capture(
            LeadSource.TradeShow,
            null,
            new CompanyDetails("Acme", null, null, null, null),
            new ContactDetails("Ada", "Byron", null, "ada@acme.test", null, BuyingRole.DecisionMaker),
            null,
            "mia.marketing",
            Captured);
        Assert.IsType<LeadCaptured>(Assert.Single(lead.TakeDomainEvents()));
        return lead;
    }

    [Fact]
    public void Qualifying_records_bant_and_raises_one_event_at_the_new_version_and_time()
    {
        var lead = NewLead();
        var at = Captured.AddHours(1);

        Assert.True(lead.Qualify(Bant, "ian.inside", at).IsDone);

        var raised = Assert.IsType<LeadQualified>(Assert.Single(lead.TakeDomainEvents()));
        Assert.Equal((LeadStatus.Qualified, 2L, at), (lead.Status, lead.Version, lead.UpdatedAt));
        Assert.Equal((lead.LeadId, 2L, at, "ian.inside"), (raised.LeadId, raised.Version, raised.OccurredAt, raised.QualifiedBy));
    }

    [Fact]
    public void Erasing_the_person_leaves_no_contact_point_or_note_keeps_the_history_and_hands_back_what_it_held()
    {
        var lead = NewLead();
        Assert.True(lead.Qualify(Bant, "ian.inside", Captured.AddHours(1)).IsDone);
        Assert.True(lead.RecordConsent(new ChannelConsent(ContactChannel.Email, true, "form", "mia.marketing", Captured.AddHours(2))).IsDone);
        lead.TakeDomainEvents();
        var at = Captured.AddDays(30);

        var held = lead.ErasePerson("erased-1", at);

        Assert.Equal(("Ada", "Byron", "ada@acme.test"), (held.Contact.FirstName, held.Contact.LastName, held.EmailKey));
        Assert.Equal(new ContactDetails("erased-1", "erased-1", null, null, null, BuyingRole.DecisionMaker), lead.Contact);
        Assert.Equal((null, null), (lead.PhoneKey, lead.Notes));
        Assert.DoesNotContain("acme", lead.EmailKey, StringComparison.Ordinal);
        Assert.Empty(lead.Consents);
        Assert.Equal((LeadStatus.Qualified, "Acme", Bant, 4L, at), (lead.Status, lead.Company.Name, lead.Qualification, lead.Version, lead.UpdatedAt));
        Assert.Empty(lead.TakeDomainEvents());
    }

    [Fact]
    public void A_new_lead_is_not_converted_and_nothing_changes()
    {
        var lead = NewLead();

        var refused = lead.Convert("olga.outside", "Acme rollout", "olga.outside", Captured.AddHours(1));

        Assert.Equal(DomainErrorKind.Precondition, refused.Error?.Kind);
        Assert.Contains("QualifyLead", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal((LeadStatus.New, 1L, (Guid?)null), (lead.Status, lead.Version, lead.OpportunityId));
        Assert.Empty(lead.PendingDomainEvents());
    }

    [Fact]
    public void A_converted_lead_is_not_disqualified()
    {
        var lead = NewLead();
        lead.Qualify(Bant, "ian.inside", Captured.AddHours(1));
        Assert.True(lead.Convert("olga.outside", "Acme rollout", "ian.inside", Captured.AddHours(2)).IsDone);
        var converted = Assert.IsType<LeadConverted>(lead.TakeDomainEvents()[^1]);
        Assert.Equal((lead.OpportunityId, "olga.outside"), (converted.OpportunityId, converted.OpportunityOwnerId));

        var refused = lead.Disqualify(DisqualificationReason.NoBudget, null, "ian.inside", Captured.AddHours(3));

        Assert.Equal(DomainErrorKind.Precondition, refused.Error?.Kind);
        Assert.Equal(LeadStatus.Converted, lead.Status);
        Assert.Empty(lead.PendingDomainEvents());
    }

    [Fact]
    public void Disqualifying_twice_is_refused_and_the_event_names_the_reason_as_the_api_does()
    {
        var lead = NewLead();
        Assert.True(lead.Disqualify(DisqualificationReason.ChoseCompetitor, "Went with Initech", "ian.inside", Captured.AddHours(1)).IsDone);
        var raised = Assert.IsType<LeadDisqualified>(Assert.Single(lead.TakeDomainEvents()));
        Assert.Equal(("CHOSE_COMPETITOR", "ian.inside"), (raised.Reason, raised.DisqualifiedBy));

        var again = lead.Disqualify(DisqualificationReason.NoNeed, null, "ian.inside", Captured.AddHours(2));

        Assert.Equal(DomainErrorKind.Precondition, again.Error?.Kind);
        Assert.Contains("CHOSE_COMPETITOR", again.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reason_is_published_by_its_api_name()
    {
        foreach (var reason in Enum.GetValues<DisqualificationReason>().Where(r => r != DisqualificationReason.Unspecified))
        {
            var wire = Enum.Parse<WireLeads.DisqualificationReason>(reason.ToString());
            var apiName = typeof(WireLeads.DisqualificationReason).GetField(wire.ToString())!.GetCustomAttribute<OriginalNameAttribute>()!.Name;
            Assert.Equal(apiName, reason.ToWireName());
        }
    }

    [Fact]
    public void A_campaign_keeps_its_costs_in_one_currency()
    {
        var campaign = Campaign.Launch("Spring fair", CampaignType.TradeShowCampaign, new DateOnly(2026, 3, 1), null, null, "mia.marketing", Captured);
        Assert.IsType<CampaignLaunched>(Assert.Single(campaign.TakeDomainEvents()));
        Assert.True(campaign.RecordCost(new Money("EUR", 1_000m), "Stand", "amount.currency_code", "mia.marketing", Captured.AddDays(1)).IsDone);

        var refused = campaign.RecordCost(new Money("USD", 10m), "Coffee", "amount.currency_code", "mia.marketing", Captured.AddDays(2));

        Assert.Equal((DomainErrorKind.Invalid, "amount.currency_code"), (refused.Error?.Kind, refused.Error?.Field));
        Assert.Equal(new Money("EUR", 1_000m), campaign.Total);
        var recorded = Assert.IsType<CampaignCostRecorded>(Assert.Single(campaign.TakeDomainEvents()));
        Assert.Equal((2L, new Money("EUR", 1_000m)), (recorded.Version, recorded.TotalCost));
        Assert.Equal(2L, campaign.Version);
    }
}
