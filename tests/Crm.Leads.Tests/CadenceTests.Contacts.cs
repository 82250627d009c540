using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using Crm.Testing;
using CrmPlatform.LocalServers;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using BuyingRole = Crm.Contracts.BuyingRole;
using TouchChannel = Crm.Leads.Grpc.V1.TouchChannel;

namespace Crm.Leads.Tests;

/// <summary>Segments and cadences over customers' contacts, known from opportunities' events.</summary>
public sealed partial class CadenceTests
{
    [Fact]
    public async Task A_segment_of_customers_contacts_e_mails_them_only_and_stops_for_an_opt_out_from_the_link_or_the_account_and_for_erasure()
    {
        var (customerId, decisionMakers, segment) = await ShipyardAsync();
        var cadence = await StartAsync(
            segment,
            Step(TouchChannel.Email, TimeSpan.Zero, "Our new service desk", "Dear {first_name} {last_name} of {company}, meet your new service desk."),
            Step(TouchChannel.PhoneCallTask, TimeSpan.FromDays(1), "Follow-up", "Ask {first_name} about the desk."),
            Step(TouchChannel.Email, TimeSpan.FromDays(2), "A reminder", "Dear {first_name}, a reminder."));
        await drip.SweepBothAsync();
        await drip.SweepBothAsync();
        var first = await MailsToAddressesAsync([.. decisionMakers.Select(c => c.Email!)], 4);
        foreach (var contact in decisionMakers)
        {
            var mail = Assert.Single(first, m => m.To.Mailboxes.Single().Address == contact.Email);
            Assert.Contains($"Dear {contact.FirstName} Holm of Nordhafen Werft SE, meet", mail.TextBody, StringComparison.Ordinal);
            var sent = Assert.Single(await drip.A.EventsAsync<TouchSent>(contact.ContactId));
            Assert.Equal((Guid.Empty, contact.ContactId, customerId, 1), (sent.LeadId, sent.ContactId, sent.CustomerId, sent.Step));
        }

        // The customer's timeline shows them, though no lead became this customer.
        var origin = await drip.CallAsync((api, o) => api.GetCustomerOriginAsync(new GetCustomerOriginRequest { CustomerId = customerId.ToString() }, o));
        Assert.Equal((4, 4), (origin.TouchesSent, origin.Touches.Count(t => t.ContactId != string.Empty && t.CustomerId == customerId.ToString() && t.LeadId == string.Empty)));

        // One opts out through the link, one tells the account team (opportunities' event), one is erased.
        var link = first.Single(m => m.To.Mailboxes.Single().Address == decisionMakers[0].Email).Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        using var http = new HttpClient();
        foreach (var _ in new[] { 1, 2 })
        {
            using var posted = await http.PostAsync(new Uri(drip.A.HttpAddress, new Uri(link).AbsolutePath), null, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, posted.StatusCode);
        }

        // Opportunities, which owns the contact, is told once.
        var unsubscribed = Assert.Single(await drip.A.EventsAsync<ContactUnsubscribed>(decisionMakers[0].ContactId));
        Assert.Equal((customerId, ContactChannel.Email, false, "unsubscribe link"), (unsubscribed.CustomerId, unsubscribed.Consent.Channel, unsubscribed.Consent.Granted, unsubscribed.Consent.Source));
        await PublishAsync(new ContactConsentRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 20, decisionMakers[1].ContactId, new ChannelConsent(ContactChannel.Email, false, "phone call", "oscar.outside", DateTimeOffset.UtcNow)));
        await EraseAsync(decisionMakers[2].Email!);

        // The call is the account team's: nobody is queued for Inside Sales, and the step moves on.
        drip.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await drip.SweepBothAsync();
        Assert.DoesNotContain((await drip.CallAsync((api, o) => api.ListCallTasksAsync(new ListCallTasksRequest(), o))).Tasks, t => t.CadenceId == cadence.CadenceId);
        drip.Advance(TimeSpan.FromDays(2));
        await drip.SweepBothAsync();
        await drip.SweepBothAsync();

        Assert.Equal(2, (await MailsToAddressesAsync([decisionMakers[3].Email!], 2)).Count);
        Assert.Equal(5, await TouchesAsync(cadence));
        var after = await drip.CallAsync((api, o) => api.GetCadenceAsync(new GetCadenceRequest { CadenceId = cadence.CadenceId }, o));
        Assert.Equal((4L, 1L, 3L, 5L), (after.Enrolled, after.Completed, after.StoppedForLead, after.TouchesSent));
        foreach (var (contact, reason) in new[] { (decisionMakers[0], "opted out of email"), (decisionMakers[1], "opted out of email"), (decisionMakers[2], "erased") })
        {
            Assert.Equal(1, await ScalarAsync(
                "SELECT count(*) FROM cadence_enrollments WHERE cadence_id = $1 AND member_id = $2 AND member = 'Contact' AND status = 'Stopped' AND stop_reason = $3",
                Guid.Parse(cadence.CadenceId), contact.ContactId, reason));
        }

        Assert.Equal([decisionMakers[3].ContactId.ToString()], (await ExportContactsAsync(segment)).Select(c => c.ContactId), StringComparer.Ordinal);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM touches WHERE contact_id = $1 AND body <> ''", decisionMakers[2].ContactId));
    }

    [Fact]
    public async Task A_segment_of_leads_and_contacts_holds_both_and_one_of_contacts_refuses_a_leads_filter_naming_it()
    {
        var industry = $"Dredging {Guid.NewGuid():N}"[..20];
        var customerId = Guid.CreateVersion7();
        var contact = new ContactAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 2, Guid.CreateVersion7(), "Lars", "Berg", Requests.Email(), null, null, BuyingRole.Influencer);
        // The account's event and its contact's come by different queues at the same moment: neither misses the other.
        await PublishAsync(together: true, new AccountCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 1, "Baggerei Nord", industry, null, Address("DK"), null), contact);
        var capture = Requests.Lead();
        capture.Company.Industry = industry;
        var lead = (await drip.CallAsync((api, o) => api.CaptureLeadAsync(capture, o))).Lead;
        var both = await drip.CallAsync((api, o) => api.CreateSegmentAsync(
            new CreateSegmentRequest { Name = "Dredging", Filter = new SegmentFilter { Audience = SegmentAudience.LeadsAndContacts, Industries = { industry } } }, o));

        Assert.Equal([lead.LeadId], (await ExportAsync(both)).Select(l => l.LeadId), StringComparer.Ordinal);
        var exported = Assert.Single(await ExportContactsAsync(both));
        Assert.Equal((contact.ContactId.ToString(), "Baggerei Nord", "DK", Common.Grpc.V1.BuyingRole.Influencer), (exported.ContactId, exported.CompanyName, exported.Country, exported.BuyingRole));

        foreach (var (filter, field) in new (SegmentFilter, string)[]
        {
            (new SegmentFilter { Audience = SegmentAudience.Contacts, Sources = { Common.Grpc.V1.LeadSource.TradeShow } }, "filter.sources"),
            (new SegmentFilter { Audience = SegmentAudience.Contacts, MinimumScore = 40 }, "filter.minimum_score"),
        })
        {
            await RefusedAsync((api, o) => api.CreateSegmentAsync(new CreateSegmentRequest { Name = "Nobody", Filter = filter }, o), StatusCode.InvalidArgument, field);
        }
    }

    /// <summary>A customer in an industry of its own, with four decision makers and a user, whose account was renamed
    /// (the older profile arriving last changes nothing), and the segment of its decision makers.</summary>
    private async Task<(Guid CustomerId, IReadOnlyList<ContactAdded> DecisionMakers, Segment Segment)> ShipyardAsync()
    {
        var industry = $"Shipbuilding {Guid.NewGuid():N}"[..24];
        var customerId = Guid.CreateVersion7();
        var created = new AccountCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 1, "Nordhafen Werft AG", industry, null, Address("SE"), "oscar.outside");
        var renamed = new AccountUpdated(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 7, "Nordhafen Werft SE", industry.ToUpperInvariant(), null, Address("SE"), "oscar.outside");
        var contacts = Enumerable.Range(0, 5)
            .Select(i => new ContactAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, customerId, 2 + i, Guid.CreateVersion7(), $"Ingrid{i}", "Holm", Requests.Email(), null, "Head of IT", i < 4 ? BuyingRole.DecisionMaker : BuyingRole.User))
            .ToList();
        await PublishAsync(created);
        await PublishAsync([.. contacts]);
        await PublishAsync(renamed);
        await PublishAsync(created with { EventId = Guid.NewGuid() });
        var segment = await drip.CallAsync((api, o) => api.CreateSegmentAsync(
            new CreateSegmentRequest
            {
                Name = "Decision makers at the shipyard",
                Filter = new SegmentFilter { Audience = SegmentAudience.Contacts, Industries = { industry.ToLowerInvariant() }, Countries = { "se" }, Personas = { Common.Grpc.V1.BuyingRole.DecisionMaker } },
            },
            o));
        Assert.Equal(SegmentAudience.Contacts, segment.Filter.Audience);
        var decisionMakers = contacts.Take(4).ToList();
        Assert.Equal(decisionMakers.Select(c => c.ContactId.ToString()).Order(StringComparer.Ordinal), (await ExportContactsAsync(segment)).Select(c => c.ContactId).Order(StringComparer.Ordinal));
        Assert.Empty(await ExportAsync(segment));

        return (customerId, decisionMakers, segment);
    }

    private static PostalAddress Address(string country) => new("Kajen 1", "Göteborg", null, "41101", country);

    private async Task<IReadOnlyList<SegmentContact>> ExportContactsAsync(Segment segment)
    {
        using var call = drip.Api.ExportSegmentContacts(new ExportSegmentRequest { SegmentId = segment.SegmentId }, Imports.AsMarketing(TestContext.Current.CancellationToken));
        return await Imports.ReadAllAsync(call.ResponseStream);
    }

    /// <summary>Publishes each event as opportunities would, one after another (each applied before the next).</summary>
    private Task PublishAsync(params IIntegrationEvent[] events) => PublishAsync(together: false, events);

    /// <summary>Publishes the events one after another, or <paramref name="together"/> (all sent, then all awaited).</summary>
    private async Task PublishAsync(bool together, params IIntegrationEvent[] events)
    {
        var bus = drip.A.Services.GetRequiredService<IBus>();
        foreach (var batch in together ? [events] : events.Select(e => new[] { e }))
        {
            foreach (var message in batch)
            {
                await bus.Publish(message, message.GetType(), TestContext.Current.CancellationToken);
            }

            foreach (var message in batch)
            {
                Assert.True(await Poll.UntilAsync(
                    async _ => await ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", message.EventId) > 0,
                    Deadline,
                    TestContext.Current.CancellationToken));
            }
        }
    }
}
