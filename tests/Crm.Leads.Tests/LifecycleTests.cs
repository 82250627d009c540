using Crm.Common.Grpc.V1;
using Crm.Contracts.Leads;
using Grpc.Core;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Lead = Crm.Leads.Grpc.V1.Lead;

namespace Crm.Leads.Tests;

/// <summary>Qualify, disqualify and convert: the state rules, the versions and the events.</summary>
public sealed class LifecycleTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task Qualifying_a_new_lead_records_BANT_and_publishes_LeadQualified_with_the_next_version()
    {
        var lead = await NewLeadAsync();

        var qualified = await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant(), ExpectedVersion = 1 }, o));

        Assert.Equal(LeadStatus.Qualified, qualified.Status);
        Assert.Equal(2, qualified.Version);
        Assert.Equal(Requests.Bant(), qualified.Qualification);
        var published = Assert.Single(await leads.EventsAsync<LeadQualified>(Guid.Parse(lead.LeadId)));
        Assert.Equal(2, published.Version);
        Assert.Equal(LeadsHost.User, published.QualifiedBy);
        Assert.Equal(new Contracts.Money("EUR", 80_000), published.Qualification.Budget);
        Assert.True(published.Qualification.HasAuthority);
        Assert.Equal(new DateOnly(2026, 9, 30), published.Qualification.DecisionBy);
        Assert.Equal(5, published.Qualification.Urgency);
        Assert.Equal(["SAP integration", "German data centre"], published.Qualification.Requirements);
    }

    [Fact]
    public async Task A_qualified_lead_can_be_qualified_again_with_what_was_learnt_since()
    {
        var lead = await QualifiedLeadAsync();
        var update = Requests.Bant();
        update.Urgency = Urgency.Medium;
        update.Requirements.Add("Offline mode for drivers");

        var requalified = await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = update, ExpectedVersion = 2 }, o));

        Assert.Equal(3, requalified.Version);
        Assert.Equal(update, requalified.Qualification);
        Assert.Equal([2L, 3L], (await leads.EventsAsync<LeadQualified>(Guid.Parse(lead.LeadId))).Select(e => e.Version));
    }

    [Fact]
    public async Task A_stale_expected_version_is_ABORTED_and_changes_nothing()
    {
        var lead = await QualifiedLeadAsync();

        var status = await leads.RefusedAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant(), ExpectedVersion = 1 }, o), StatusCode.Aborted);
        await leads.RefusedAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = DisqualificationReason.NoBudget, ExpectedVersion = 1 }, o), StatusCode.Aborted);
        await leads.RefusedAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside", ExpectedVersion = 3 }, o), StatusCode.Aborted);

        Assert.Contains("version 2", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disqualifying_records_the_reason_and_publishes_LeadDisqualified()
    {
        var lead = await NewLeadAsync();

        var disqualified = await leads.CallAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest
        {
            LeadId = lead.LeadId, Reason = DisqualificationReason.ChoseCompetitor, Note = "Signed with a competitor last week",
        }, o));

        Assert.Equal(LeadStatus.Disqualified, disqualified.Status);
        Assert.Equal(DisqualificationReason.ChoseCompetitor, disqualified.DisqualificationReason);
        var published = Assert.Single(await leads.EventsAsync<LeadDisqualified>(Guid.Parse(lead.LeadId)));
        Assert.Equal(2, published.Version);
        Assert.Equal("CHOSE_COMPETITOR", published.Reason);
        Assert.Equal("Signed with a competitor last week", published.Note);
        Assert.Equal(LeadsHost.User, published.DisqualifiedBy);
    }

    [Fact]
    public async Task A_disqualified_lead_cannot_be_qualified_disqualified_again_or_converted()
    {
        var lead = await NewLeadAsync();
        await leads.CallAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = DisqualificationReason.NoNeed }, o));

        var qualify = await leads.RefusedAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o), StatusCode.FailedPrecondition);
        await leads.RefusedAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = DisqualificationReason.NoBudget }, o), StatusCode.FailedPrecondition);
        var convert = await leads.RefusedAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o), StatusCode.FailedPrecondition);

        Assert.Contains("disqualified", qualify.Detail, StringComparison.Ordinal);
        Assert.Contains("only a qualified lead can be converted", convert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_lead_cannot_be_converted_until_it_is_qualified()
    {
        var lead = await NewLeadAsync();

        var status = await leads.RefusedAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o), StatusCode.FailedPrecondition);

        Assert.Contains("qualify it", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converting_a_qualified_lead_assigns_the_opportunity_and_publishes_LeadConverted_with_everything_opportunities_needs()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));
        var lead = await QualifiedLeadAsync(campaign.CampaignId);

        var converted = await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest
        {
            LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside", OpportunityName = "Nordwind fleet tracking", ExpectedVersion = 2,
        }, o));

        Assert.Equal(LeadStatus.Converted, converted.Lead.Status);
        Assert.Equal(3, converted.Lead.Version);
        Assert.True(Guid.TryParse(converted.OpportunityId, out var opportunityId));
        Assert.Equal(converted.OpportunityId, converted.Lead.OpportunityId);
        Assert.Empty(converted.Lead.CustomerId);
        var published = Assert.Single(await leads.EventsAsync<LeadConverted>(Guid.Parse(lead.LeadId)));
        Assert.Equal(3, published.Version);
        Assert.Equal(opportunityId, published.OpportunityId);
        Assert.Equal("Nordwind fleet tracking", published.OpportunityName);
        Assert.Equal("oscar.outside", published.OpportunityOwnerId);
        Assert.Equal(LeadsHost.User, published.ConvertedBy);
        Assert.Equal((LeadsHost.User, LeadsHost.User, LeadsHost.User, published.OccurredAt), (converted.Lead.CapturedBy, converted.Lead.QualifiedBy, converted.Lead.ConvertedBy, converted.Lead.ConvertedAt.ToDateTimeOffset()));
        Assert.NotNull(converted.Lead.QualifiedAt);
        Assert.Equal("Nordwind Logistik GmbH", published.Company.Name);
        Assert.Equal("Lindqvist", published.Contact.LastName);
        Assert.Equal(Contracts.BuyingRole.DecisionMaker, published.Contact.BuyingRole);
        Assert.Equal(Contracts.LeadSource.TradeShow, published.Source);
        Assert.Equal(Guid.Parse(campaign.CampaignId), published.CampaignId);
        Assert.Equal("Track 300 trucks across Europe in real time", published.Qualification.Need);
    }

    [Fact]
    public async Task Without_a_name_the_opportunity_is_named_after_the_company()
    {
        var lead = await QualifiedLeadAsync();

        await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o));

        Assert.Equal("Nordwind Logistik GmbH", Assert.Single(await leads.EventsAsync<LeadConverted>(Guid.Parse(lead.LeadId))).OpportunityName);
    }

    [Fact]
    public async Task A_converted_lead_cannot_be_disqualified_qualified_or_converted_for_another_owner()
    {
        var lead = await QualifiedLeadAsync();
        await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o));

        var disqualify = await leads.RefusedAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = DisqualificationReason.NoBudget }, o), StatusCode.FailedPrecondition);
        await leads.RefusedAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o), StatusCode.FailedPrecondition);
        var otherOwner = await leads.RefusedAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "olga.outside" }, o), StatusCode.FailedPrecondition);

        Assert.Contains("already converted", disqualify.Detail, StringComparison.Ordinal);
        Assert.Contains("for oscar.outside", otherOwner.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_on_a_lead_that_does_not_exist_are_NOT_FOUND_naming_lead_id()
    {
        var missing = Guid.NewGuid().ToString();

        var statuses = new[]
        {
            await leads.RefusedAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = missing, Qualification = Requests.Bant() }, o), StatusCode.NotFound),
            await leads.RefusedAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = missing, Reason = DisqualificationReason.NoNeed }, o), StatusCode.NotFound),
            await leads.RefusedAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = missing, OpportunityOwnerId = "oscar.outside" }, o), StatusCode.NotFound),
            await leads.RefusedAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = missing }, o), StatusCode.NotFound),
        };

        Assert.All(statuses, s => Assert.StartsWith("lead_id: ", s.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_at_QualifyLead_names_the_field_and_changes_nothing()
    {
        var lead = await NewLeadAsync();

        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.LeadId = ""), o), "lead_id");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.LeadId = "lead-1"), o), "lead_id");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification = null), o), "qualification");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.Need = ""), o), "qualification.need");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.Budget.CurrencyCode = ""), o), "qualification.budget.currency_code");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.Budget.Units = -1), o), "qualification.budget");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.DecisionBy = new Date { Year = 2026, Month = 13, Day = 1 }), o), "qualification.decision_by");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.Urgency = (Urgency)9), o), "qualification.urgency");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.Qualification.Requirements.Add(" ")), o), "qualification.requirements[2]");
        await leads.InvalidAsync((api, o) => api.QualifyLeadAsync(With(r => r.ExpectedVersion = -1), o), "expected_version");

        QualifyLeadRequest With(Action<QualifyLeadRequest> change)
        {
            var request = new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() };
            change(request);
            return request;
        }
    }

    [Fact]
    public async Task Bad_input_at_DisqualifyLead_and_ConvertLead_names_the_field_and_changes_nothing()
    {
        var lead = await QualifiedLeadAsync();

        await leads.InvalidAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId }, o), "reason");
        await leads.InvalidAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = (DisqualificationReason)99 }, o), "reason");
        await leads.InvalidAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { Reason = DisqualificationReason.NoNeed }, o), "lead_id");
        await leads.InvalidAsync((api, o) => api.DisqualifyLeadAsync(new DisqualifyLeadRequest { LeadId = lead.LeadId, Reason = DisqualificationReason.NoNeed, Note = new string('n', 4001) }, o), "note");
        await leads.InvalidAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId }, o), "opportunity_owner_id");
        await leads.InvalidAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside", OpportunityName = new string('o', 201) }, o), "opportunity_name");
        await leads.InvalidAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { OpportunityOwnerId = "oscar.outside" }, o), "lead_id");
        await leads.InvalidAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside", ExpectedVersion = -2 }, o), "expected_version");
    }

    private async Task<Lead> NewLeadAsync(string campaignId = "") => (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: campaignId), o))).Lead;

    private async Task<Lead> QualifiedLeadAsync(string campaignId = "")
    {
        var lead = await NewLeadAsync(campaignId);
        return await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o));
    }
}
