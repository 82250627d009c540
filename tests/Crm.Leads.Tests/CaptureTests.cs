using System.Text.Json;
using Crm.Common.Grpc.V1;
using Crm.Contracts.Leads;
using Grpc.Core;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;
using RabbitMQ.Client;

namespace Crm.Leads.Tests;

public sealed class CaptureTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    [Fact]
    public async Task A_captured_lead_is_stored_new_with_its_source_and_campaign_and_publishes_LeadCaptured()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign(), o));
        var request = Requests.Lead(campaignId: campaign.CampaignId);

        var captured = await leads.CallAsync((api, o) => api.CaptureLeadAsync(request, o));

        Assert.False(captured.Duplicate);
        var lead = captured.Lead;
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(LeadSource.TradeShow, lead.Source);
        Assert.Equal(campaign.CampaignId, lead.CampaignId);
        Assert.Equal(request.Company, lead.Company);
        // The phone is kept in E.164, as every service compares it.
        Assert.Equal(new Person(request.Contact) { Phone = request.Contact.Phone.Replace(" ", "", StringComparison.Ordinal) }, lead.Contact);
        Assert.Equal(1, lead.Version);
        Assert.Equal(lead, await leads.CallAsync((api, o) => api.GetLeadAsync(new GetLeadRequest { LeadId = lead.LeadId }, o)));

        var published = Assert.Single(await leads.EventsAsync<LeadCaptured>(Guid.Parse(lead.LeadId)));
        Assert.Equal(1, published.Version);
        Assert.Equal(Contracts.LeadSource.TradeShow, published.Source);
        Assert.Equal(Guid.Parse(campaign.CampaignId), published.CampaignId);
        Assert.Equal("Nordwind Logistik GmbH", published.Company.Name);
        Assert.Equal("Hamburg", published.Company.Address?.City);
        Assert.Equal(request.Contact.Email, published.Contact.Email);
        Assert.Equal(Contracts.BuyingRole.DecisionMaker, published.Contact.BuyingRole);
    }

    [Fact]
    public async Task A_lead_without_a_source_is_refused_naming_source_and_nothing_is_written()
    {
        var request = Requests.Lead();
        request.Source = LeadSource.Unspecified;

        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(request, o), "source");

        Assert.Equal(0, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1", request.Contact.Email));
    }

    [Fact]
    public async Task A_lead_of_a_campaign_that_does_not_exist_is_NOT_FOUND_naming_campaign_id()
    {
        var status = await leads.RefusedAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(campaignId: Guid.NewGuid().ToString()), o), StatusCode.NotFound);

        Assert.StartsWith("campaign_id: ", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_email_in_other_case_and_spacing_returns_the_existing_lead_as_a_duplicate_and_writes_nothing()
    {
        var email = Requests.Email();
        var first = await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(email: email), o));
        var before = await leads.SnapshotAsync();

        var again = await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(email: "  " + email.ToUpperInvariant() + " "), o));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Lead, again.Lead);
        Assert.Equal(before, await leads.SnapshotAsync());
    }

    [Fact]
    public async Task The_same_phone_in_another_format_returns_the_existing_lead_as_a_duplicate_and_writes_nothing()
    {
        var first = await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(phone: "+44 (20) 7946-0958"), o));
        var before = await leads.SnapshotAsync();

        var again = await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(phone: "+4420 79460958"), o));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Lead.LeadId, again.Lead.LeadId);
        Assert.Equal(before, await leads.SnapshotAsync());
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE phone_key = '+442079460958'"));
    }

    [Fact]
    public async Task A_phone_without_its_country_code_is_read_in_the_company_country_and_kept_in_E164()
    {
        var subscriber = Random.Shared.Next(2_000_000, 9_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var captured = await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(phone: "(040) " + subscriber), o));

        Assert.Equal("+4940" + subscriber, captured.Lead.Contact.Phone);
        var abroad = Requests.Lead(phone: "040 " + subscriber);
        abroad.Company.Address = null;
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(abroad, o), "contact.phone");
    }

    [Fact]
    public async Task Concurrent_captures_of_the_same_email_store_one_lead_and_one_event()
    {
        var email = Requests.Email();

        // Each capture has its own phone: only the e-mail makes them the same person.
        var captures = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(email: email), o))));

        Assert.Single(captures, c => !c.Duplicate);
        var leadId = Assert.Single(captures.Select(c => c.Lead.LeadId).Distinct(StringComparer.Ordinal));
        Assert.Equal(1, await leads.ScalarAsync("SELECT count(*) FROM leads WHERE email_key = $1", email));
        Assert.Single(await leads.EventsAsync<LeadCaptured>(Guid.Parse(leadId)));
    }

    [Fact]
    public async Task Bad_input_at_CaptureLead_names_the_field_and_changes_nothing()
    {
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Source = (LeadSource)42), o), "source");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.CampaignId = "spring-fair"), o), "campaign_id");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Company = null), o), "company");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Company.Name = ""), o), "company.name");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Company.EmployeeCount = -1), o), "company.employee_count");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Company.Address.Country = "Germany"), o), "company.address.country");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Contact = null), o), "contact");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Contact.LastName = " "), o), "contact.last_name");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Contact.Email = "greta-at-nordwind"), o), "contact.email");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Contact.Phone = "ext. 12"), o), "contact.phone");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Contact.BuyingRole = (BuyingRole)77), o), "contact.buying_role");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => (r.Contact.Email, r.Contact.Phone) = ("", "")), o), "contact.email");
        await leads.InvalidAsync((api, o) => api.CaptureLeadAsync(With(r => r.Notes = new string('n', 4001)), o), "notes");

        static CaptureLeadRequest With(Action<CaptureLeadRequest> change)
        {
            var request = Requests.Lead();
            change(request);
            return request;
        }
    }

    [Fact]
    public async Task A_lead_with_only_a_phone_or_only_an_email_is_captured()
    {
        var phoneOnly = Requests.Lead(email: "");
        var emailOnly = Requests.Lead(phone: "");

        Assert.False((await leads.CallAsync((api, o) => api.CaptureLeadAsync(phoneOnly, o))).Duplicate);
        Assert.False((await leads.CallAsync((api, o) => api.CaptureLeadAsync(emailOnly, o))).Duplicate);
    }

    [Fact]
    public async Task LeadCaptured_reaches_the_broker_with_its_version()
    {
        var factory = new ConnectionFactory { Uri = new Uri(leads.Resources.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);

        // As MassTransit declares it: a durable fanout exchange per event, prefixed by the publishing service.
        await channel.ExchangeDeclareAsync("leads.lead-captured", ExchangeType.Fanout, durable: true, cancellationToken: TestContext.Current.CancellationToken);
        var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: TestContext.Current.CancellationToken);
        await channel.QueueBindAsync(queue.QueueName, "leads.lead-captured", string.Empty, cancellationToken: TestContext.Current.CancellationToken);

        var lead = (await leads.CallAsync((api, o) => api.CaptureLeadAsync(Requests.Lead(), o))).Lead;

        JsonElement? received = null;
        Assert.True(await Poll.UntilAsync(
            async token =>
            {
                var delivery = await channel.BasicGetAsync(queue.QueueName, autoAck: true, token);
                if (delivery is not null)
                {
                    var message = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message");
                    if (message.GetProperty("leadId").GetString() == lead.LeadId)
                    {
                        received = message.Clone();
                    }
                }

                return received is not null;
            },
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        Assert.Equal(1, received!.Value.GetProperty("version").GetInt64());
        Assert.Equal("TradeShow", received.Value.GetProperty("source").GetString());
        Assert.True(await Poll.UntilAsync(
            async _ => await leads.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE aggregate_id = $1 AND sent_at IS NOT NULL", Guid.Parse(lead.LeadId)) == 1,
            TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken));
    }
}
