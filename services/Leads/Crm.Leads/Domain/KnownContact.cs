using Crm.Api;

namespace Crm.Leads.Domain;

/// <summary>A customer's contact as de-duplication knows them: by the keys leads are compared by, nothing else.</summary>
public sealed class KnownContact
{
    private KnownContact()
    {
    }

    public Guid ContactId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string? EmailKey { get; private set; }

    public string? PhoneKey { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static KnownContact New(Guid contactId, Guid customerId) => new() { ContactId = contactId, CustomerId = customerId };

    /// <summary>The contact's e-mail and phone as they stand now, in the forms leads keep (a phone that is no valid
    /// international number has no key).</summary>
    public void Reachable(string? email, string? phone, DateTimeOffset at)
    {
        EmailKey = ContactPoints.EmailKey(email);
        PhoneKey = string.IsNullOrWhiteSpace(phone) ? null : Phones.ToE164(phone, country: null);
        UpdatedAt = at;
    }
}
