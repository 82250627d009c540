using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Grpc.Core;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;

namespace Crm.Leads.Tests;

/// <summary>Leads learns its customers from OpportunityOpened and answers where a customer came from.</summary>
public sealed class OriginTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task OpportunityOpened_links_the_converted_lead_to_its_customer_once_and_the_origin_shows_it()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));
        var converted = await ConvertedLeadAsync(campaign.CampaignId);
        var customerId = Guid.NewGuid();
        var opened = Opened(converted, customerId);

        // The broker may deliver an event twice: the second copy must change nothing.
        await leads.Bus.Publish(opened, TestContext.Current.CancellationToken);
        await leads.Bus.Publish(opened, TestContext.Current.CancellationToken);
        var marker = await ConvertedLeadAsync();
        await leads.Bus.Publish(Opened(marker, Guid.NewGuid()), TestContext.Current.CancellationToken);
        Assert.True(await LinkedAsync(marker), "the marker's OpportunityOpened was not applied");

        var lead = await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = converted.Lead.LeadId }, o));
        Assert.Equal(customerId.ToString(), lead.CustomerId);
        Assert.Equal(converted.OpportunityId, lead.OpportunityId);
        Assert.Equal(converted.Lead.Version + 1, lead.Version);
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", opened.EventId));

        // Converting again (a retry) answers the conversion as it stands, now with its customer, and changes nothing.
        var again = await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = converted.Lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o));
        Assert.Equal((customerId.ToString(), converted.OpportunityId, lead.Version), (again.CustomerId, again.OpportunityId, again.Lead.Version));
        Assert.Equal(string.Empty, converted.CustomerId);
        Assert.Single(await leads.EventsAsync<LeadConverted>(Guid.Parse(converted.Lead.LeadId)));

        var origin = await leads.CallAsync((api, o) => api.GetCustomerOriginAsync(new GetCustomerOriginRequest { CustomerId = customerId.ToString() }, o));
        Assert.Equal(customerId.ToString(), origin.CustomerId);
        Assert.Equal(lead, Assert.Single(origin.Leads));
        Assert.Equal(campaign.CampaignId, Assert.Single(origin.Campaigns).CampaignId);
        Assert.Equal(0, origin.TouchesSent);
    }

    [Fact]
    public async Task OpportunityOpened_for_a_lead_this_service_does_not_know_changes_nothing()
    {
        var unknown = new OpportunityOpened(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), 1, "Walk-in deal", "oscar.outside",
            OpportunityStage.Qualification, 10, new Contracts.Money("EUR", 0), new DateOnly(2026, 12, 31), null, null, Guid.NewGuid());
        var before = await leads.SnapshotAsync();

        await leads.Bus.Publish(unknown, TestContext.Current.CancellationToken);

        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", unknown.EventId) == 1,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        Assert.Equal(before, await leads.SnapshotAsync());
        Assert.Equal(0, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE customer_id = $1", unknown.CustomerId));
    }

    [Fact]
    public async Task The_origin_of_a_customer_no_lead_was_converted_into_is_NOT_FOUND_and_a_bad_id_is_named()
    {
        var status = await leads.RefusedAsync((api, o) => api.GetCustomerOriginAsync(new GetCustomerOriginRequest { CustomerId = Guid.NewGuid().ToString() }, o), StatusCode.NotFound);

        Assert.StartsWith("customer_id: ", status.Detail, StringComparison.Ordinal);
        await leads.InvalidAsync((api, o) => api.GetCustomerOriginAsync(new GetCustomerOriginRequest(), o), "customer_id");
        await leads.InvalidAsync((api, o) => api.GetCustomerOriginAsync(new GetCustomerOriginRequest { CustomerId = "ACME" }, o), "customer_id");
    }

    private async Task<ConvertLeadResponse> ConvertedLeadAsync(string campaignId = "")
    {
        var lead = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: campaignId), o))).Lead;
        await leads.CallAsync((api, o) => api.QualifyLeadAsync(new QualifyLeadRequest { LeadId = lead.LeadId, Qualification = Requests.Bant() }, o));
        return await leads.CallAsync((api, o) => api.ConvertLeadAsync(new ConvertLeadRequest { LeadId = lead.LeadId, OpportunityOwnerId = "oscar.outside" }, o));
    }

    private Task<bool> LinkedAsync(ConvertLeadResponse converted) => Poll.UntilAsync(
        async _ => await leads.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND customer_id IS NOT NULL", Guid.Parse(converted.Lead.LeadId)) == 1,
        TimeSpan.FromSeconds(30),
        TestContext.Current.CancellationToken);

    /// <summary>What the opportunities service publishes once it has matched or created the account and opened the deal.</summary>
    private static OpportunityOpened Opened(ConvertLeadResponse converted, Guid customerId) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        customerId,
        Guid.Parse(converted.OpportunityId),
        1,
        "Nordwind Logistik GmbH",
        "oscar.outside",
        OpportunityStage.Qualification,
        10,
        new Contracts.Money("EUR", 80_000),
        new DateOnly(2026, 9, 30),
        Contracts.LeadSource.TradeShow,
        null,
        Guid.Parse(converted.Lead.LeadId));
}
