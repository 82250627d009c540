using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Crm.Grpc.Security;
using Crm.Testing;
using Grpc.Core;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Tests;

/// <summary>A customer's contact's consent to each channel and their opt-outs.</summary>
public sealed class ConsentTests(CrmTestServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private OpportunitiesService _service = null!;

    public async ValueTask InitializeAsync() => _service = await OpportunitiesService.StartAsync(servers, nameof(ConsentTests));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_contact_s_opt_out_is_kept_on_the_account_and_published_and_an_unknown_contact_is_NOT_FOUND()
    {
        var admin = TestCalls.As("ada", Deadline);
        var account = await _service.Api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = $"Tyrell {Guid.NewGuid():N}"[..20] }, admin);
        var contact = await _service.Api.AddContactAsync(new Wire.AddContactRequest { CustomerId = account.CustomerId, FirstName = "Rachael", LastName = "Tyrell", Email = "rachael@tyrell.example" }, admin);
        var clara = TestCalls.As("clara", Deadline, CrmRoles.CustomerService);

        var recorded = await _service.Api.RecordContactConsentAsync(new Wire.RecordContactConsentRequest
        {
            CustomerId = account.CustomerId, ContactId = contact.ContactId, Channel = Shared.ContactChannel.Letter, Granted = false, Source = "asked on the phone",
        }, clara);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _service.Api.RecordContactConsentAsync(new Wire.RecordContactConsentRequest
        {
            CustomerId = account.CustomerId, ContactId = Guid.NewGuid().ToString(), Channel = Shared.ContactChannel.Letter, Granted = false,
        }, clara).ResponseAsync);

        var consent = Assert.Single(recorded.Consents);
        Assert.Equal((Shared.ContactChannel.Letter, false, "clara"), (consent.Channel, consent.Granted, consent.RecordedBy));
        Assert.Equal(consent, Assert.Single((await _service.Api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = account.CustomerId }, admin)).Contacts[0].Consents));
        var published = Assert.Single(await _service.EventsAsync<ContactConsentRecorded>(Guid.Parse(account.CustomerId)));
        Assert.Equal(Guid.Parse(contact.ContactId), published.ContactId);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("contact_id: ", unknown.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contact_who_unsubscribes_from_a_marketing_e_mail_is_opted_out_on_the_account_once()
    {
        var admin = TestCalls.As("ada", Deadline);
        var account = await _service.Api.CreateAccountAsync(new Wire.CreateAccountRequest { Name = $"Wallace {Guid.NewGuid():N}"[..20] }, admin);
        var contact = await _service.Api.AddContactAsync(new Wire.AddContactRequest { CustomerId = account.CustomerId, FirstName = "Gwen", LastName = "Wallace", Email = "gwen@wallace.example" }, admin);
        var (customerId, contactId) = (Guid.Parse(account.CustomerId), Guid.Parse(contact.ContactId));
        var at = DateTimeOffset.UtcNow;

        // Marketing's event, delivered twice under two ids (the person clicked twice), and one for a contact unknown here.
        await _service.DeliverAsync(new ContactUnsubscribed(Guid.NewGuid(), at, contactId, 3, customerId, ChannelConsent.Unsubscribed(at)));
        await _service.DeliverAsync(new ContactUnsubscribed(Guid.NewGuid(), at, contactId, 3, customerId, ChannelConsent.Unsubscribed(at)));
        await _service.DeliverAsync(new ContactUnsubscribed(Guid.NewGuid(), at, Guid.NewGuid(), 1, customerId, ChannelConsent.Unsubscribed(at)));

        var consent = Assert.Single((await _service.Api.GetAccountAsync(new Wire.GetAccountRequest { CustomerId = account.CustomerId }, admin)).Contacts[0].Consents);
        Assert.Equal((Shared.ContactChannel.Email, false, "unsubscribe link", "opt-out link"), (consent.Channel, consent.Granted, consent.Source, consent.RecordedBy));
        var published = Assert.Single(await _service.EventsAsync<ContactConsentRecorded>(customerId));
        Assert.Equal((contactId, ContactChannel.Email, false), (published.ContactId, published.Consent.Channel, published.Consent.Granted));
    }
}
