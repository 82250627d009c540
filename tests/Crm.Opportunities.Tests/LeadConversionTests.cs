using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Contracts;
using Crm.Testing;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

public sealed class LeadConversionTests(CrmTestServers servers) : IAsyncLifetime
{
    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(LeadConversionTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_converted_lead_of_a_new_company_becomes_an_account_a_contact_and_an_opportunity_in_qualification()
    {
        var conversion = Conversions.Of("Initech AG", "ada@initech.example", budget: 48_000.50m, decisionBy: new DateOnly(2027, 3, 31), name: "Initech: shared customer record");

        await _service.ConvertAsync(conversion);

        var opportunity = await _service.CallAsync((api, o) => api.GetOpportunityAsync(new Wire.GetOpportunityRequest { OpportunityId = conversion.OpportunityId.ToString() }, o));
        Assert.Equal(("Initech: shared customer record", Wire.Stage.Qualification), (opportunity.Name, opportunity.Stage));
        Assert.Equal(10, opportunity.Probability);
        Assert.Equal("rep-ada", opportunity.OwnerId);
        Assert.Equal(conversion.LeadId.ToString(), opportunity.LeadId);
        Assert.Equal(("EUR", 48_000L, 500_000_000), (opportunity.Amount.CurrencyCode, opportunity.Amount.Units, opportunity.Amount.Nanos));
        Assert.Equal((2027, 3, 31), (opportunity.CloseDate.Year, opportunity.CloseDate.Month, opportunity.CloseDate.Day));
        Assert.Equal(1, opportunity.Version);

        var account = await _service.CallAsync((api, o) => api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = opportunity.CustomerId }, o));
        Assert.Equal("Initech AG", account.Name);
        Assert.Equal("Berlin", account.Address.City);
        var contact = Assert.Single(account.Contacts);
        Assert.Equal(("Ada", "ada@initech.example", Crm.Common.Grpc.V1.BuyingRole.DecisionMaker), (contact.FirstName, contact.Email, contact.BuyingRole));
        Assert.Equal(2, account.Version);

        var customerId = Guid.Parse(opportunity.CustomerId);
        var created = Assert.Single(await _service.EventsAsync<AccountCreated>(customerId));
        Assert.Equal((1L, "Initech AG", "rep-ada"), (created.Version, created.Name, created.OwnerId));
        var added = Assert.Single(await _service.EventsAsync<ContactAdded>(customerId));
        Assert.Equal((2L, BuyingRole.DecisionMaker, "ada@initech.example"), (added.Version, added.BuyingRole, added.Email));
        var opened = Assert.Single(await _service.EventsAsync<OpportunityOpened>(conversion.OpportunityId));
        Assert.Equal((1L, customerId, conversion.LeadId, LeadSource.TradeShow, conversion.CampaignId), (opened.Version, opened.CustomerId, opened.LeadId, opened.Source, opened.CampaignId));
        Assert.Equal((OpportunityStage.Qualification, 10, new Money("EUR", 48_000.50m)), (opened.Stage, opened.Probability, opened.Amount));
    }

    [Fact]
    public async Task A_known_company_is_matched_to_its_account_by_normalised_name_or_a_contact_e_mail()
    {
        var first = Conversions.Of("Globex Corporation", "hank@globex.example");
        var sameName = Conversions.Of("  GLOBEX, corporation ", "mona@globex.example", role: BuyingRole.TechnicalEvaluator);
        var sameEmail = Conversions.Of("Globex Holdings (EMEA)", "HANK@globex.example");

        await _service.ConvertAsync(first);
        await _service.ConvertAsync(sameName);
        await _service.ConvertAsync(sameEmail);

        var customers = new List<string>();
        foreach (var conversion in new[] { first, sameName, sameEmail })
        {
            customers.Add((await _service.CallAsync((api, o) => api.GetOpportunityAsync(new Wire.GetOpportunityRequest { OpportunityId = conversion.OpportunityId.ToString() }, o))).CustomerId);
        }

        Assert.Single(customers.Distinct(StringComparer.Ordinal));
        var customerId = Guid.Parse(customers[0]);
        var account = await _service.CallAsync((api, o) => api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = customers[0] }, o));
        Assert.Equal(["hank@globex.example", "mona@globex.example"], account.Contacts.Select(c => c.Email).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Single(await _service.EventsAsync<AccountCreated>(customerId));
        Assert.Equal([2L, 3L], (await _service.EventsAsync<ContactAdded>(customerId)).Select(e => e.Version));
        Assert.Equal(3, account.Version);
    }

    [Fact]
    public async Task A_redelivered_or_replayed_conversion_has_one_effect()
    {
        var conversion = Conversions.Of("Umbrella Ltd", "alice@umbrella.example");
        await _service.ConvertAsync(conversion);
        var outbox = await _service.OutboxCountAsync();

        // The same message again (a redelivery), then the same conversion under a new event id (a replay by leads).
        await _service.PublishAsync(conversion);
        await _service.ConvertAsync(conversion with { EventId = Guid.NewGuid() });

        Assert.Equal(outbox, await _service.OutboxCountAsync());
        Assert.Equal(1, await _service.ScalarAsync($"SELECT count(*) FROM opportunities WHERE opportunity_id = '{conversion.OpportunityId}'"));
        Assert.Equal(1, await _service.ScalarAsync("SELECT count(*) FROM accounts WHERE normalized_name = 'umbrella'"));
        Assert.Equal(1, await _service.ScalarAsync("SELECT count(*) FROM contacts WHERE normalized_email = 'alice@umbrella.example'"));
    }
}
