using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>
/// A customer's contact as the leads service knows them, from opportunities' events: by the keys leads are compared
/// by (a lead list's row of the same person is a duplicate), and as marketing targets them (a segment of contacts
/// holds them by the customer's industry and country and their buying role; a cadence e-mails them). Their account's
/// team owns the relationship, so a cadence only e-mails a contact: its calls, letters and faxes are left out.
/// <see cref="AggregateRoot.Version"/> counts the changes; the TouchSent events of their touches carry it.
/// </summary>
public sealed class KnownContact : AggregateRoot, IDripRecipient
{
    private KnownContact()
    {
    }

    public Guid ContactId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string FirstName { get; private set; } = string.Empty;

    public string LastName { get; private set; } = string.Empty;

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string? Title { get; private set; }

    public BuyingRole BuyingRole { get; private set; }

    public string? EmailKey { get; private set; }

    public string? PhoneKey { get; private set; }

    /// <summary>Their word on each channel they gave one for, from opportunities or the opt-out link.</summary>
    public ChannelConsent[] Consents { get; private set; } = [];

    /// <summary>The customer's name, industry and country as its account last said (<see cref="KnownCustomer"/>).</summary>
    public string CompanyName { get; private set; } = string.Empty;

    public string? Industry { get; private set; }

    public string? Country { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public static KnownContact New(Guid contactId, Guid customerId) => new() { ContactId = contactId, CustomerId = customerId };

    /// <summary>The contact as opportunities' latest event has them: names, role, and e-mail and phone in the forms
    /// leads keep as keys (a phone that is no valid international number has no key).</summary>
    public void Describe(ContactProfile profile, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(profile);
        (FirstName, LastName, Title, BuyingRole) = (profile.FirstName, profile.LastName, profile.Title, profile.BuyingRole);
        (Email, Phone) = (profile.Email, profile.Phone);
        EmailKey = ContactPoints.EmailKey(profile.Email);
        PhoneKey = string.IsNullOrWhiteSpace(profile.Phone) ? null : Phones.ToE164(profile.Phone, country: null);
        Changed(at);
    }

    /// <summary>The customer as its account now stands; a segment reads them from the contact.</summary>
    public void WorksFor(KnownCustomer customer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(customer);
        (CompanyName, Industry, Country) = (customer.Name, customer.Industry, customer.Country);
        Changed(at);
    }

    /// <summary>Their word on a channel; false when it was on record already (a repeat changes nothing).</summary>
    public bool RecordConsent(ChannelConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (ChannelConsent.IsOnRecord(Consents, consent))
        {
            return false;
        }

        Consents = ChannelConsent.Record(Consents, consent);
        Changed(consent.RecordedAt);
        return true;
    }

    /// <summary>The opt-out given through a drip e-mail's link, which opportunities learns from ContactUnsubscribed (its
    /// ContactConsentRecorded coming back then changes nothing: it is on record).</summary>
    public void Unsubscribe(DateTimeOffset at)
    {
        var consent = ChannelConsent.Unsubscribed(at);
        if (RecordConsent(consent))
        {
            Raise(new ContactUnsubscribed(Guid.CreateVersion7(at), at, ContactId, Version, CustomerId, consent));
        }
    }

    /// <summary>A cadence stops for a contact who opted out of any channel (an objection is about being marketed to).
    /// One who is erased is no longer known at all.</summary>
    public string? DripStopReason() =>
        Consents.FirstOrDefault(c => !c.Granted) is { } optOut ? $"opted out of {optOut.Channel.ToString().ToLowerInvariant()}" : null;

    /// <summary>Only e-mails reach a contact: calls, letters and faxes to a customer are their account team's.</summary>
    public bool Reaches(TouchChannel channel) => channel is TouchChannel.Email && Email is not null;

    public Touch TouchFor(Cadence cadence, int stepNumber, DateTimeOffset at, string? optOutToken)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var what = cadence.Step(stepNumber);
        var body = what.BodyFor(FirstName, LastName, CompanyName);
        return new Touch(Guid.CreateVersion7(at), LeadId: null, cadence.CadenceId, stepNumber, what.Channel, what.Subject, body, at, optOutToken, ContactId, CustomerId);
    }

    public void RecordTouch(Touch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        Changed(touch.SentAt);
        Raise(new TouchSent(Guid.CreateVersion7(touch.SentAt), touch.SentAt, LeadId: Guid.Empty, Version, touch.CadenceId, touch.TouchId, touch.Step, touch.Channel, touch.Subject, ContactId, CustomerId));
    }

    private void Changed(DateTimeOffset at)
    {
        UpdatedAt = at;
        Version++;
    }
}
