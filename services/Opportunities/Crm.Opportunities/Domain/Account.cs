using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Orders;
using Crm.Domain;

namespace Crm.Opportunities.Domain;

/// <summary>
/// A customer account: the customer master. Its <see cref="CustomerId"/> is the one id every service uses for the
/// customer from the moment the account exists. Its contacts are part of it: adding one is a change of the account.
/// </summary>
internal sealed class Account : AggregateRoot
{
    private Account()
    {
    }

    public Guid CustomerId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The name as matched on lead conversion (<see cref="CustomerMatching.NormalizeName"/>); unique.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    public string? Industry { get; private set; }

    public string? Website { get; private set; }

    public string? Street { get; private set; }

    public string? City { get; private set; }

    public string? Region { get; private set; }

    public string? PostalCode { get; private set; }

    public string? Country { get; private set; }

    public string? OwnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Why Accounting holds the customer's credit, as orders announced it; null in good standing.</summary>
    public string? CreditHoldReason { get; private set; }

    public ICollection<Contact> Contacts { get; } = [];

    /// <summary>Where the account is, when its street, city and country are known.</summary>
    public PostalAddress? Address =>
        this is { Street: { } street, City: { } city, Country: { } country } ? new PostalAddress(street, city, Region, PostalCode ?? string.Empty, country) : null;

    /// <summary>A new account for <paramref name="company"/>, owned by <paramref name="ownerId"/>.</summary>
    public static Account Create(CompanyDetails company, string? ownerId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(company);
        var account = new Account
        {
            CustomerId = Guid.CreateVersion7(at),
            Name = company.Name.Trim(),
            NormalizedName = CustomerMatching.NormalizeName(company.Name),
            Industry = company.Industry,
            Website = company.Website,
            Street = company.Address?.Street,
            City = company.Address?.City,
            Region = company.Address?.Region,
            PostalCode = company.Address?.PostalCode,
            Country = company.Address?.Country,
            OwnerId = ownerId,
            CreatedAt = at,
            Version = 1,
        };
        account.Raise(new AccountCreated(
            Guid.CreateVersion7(at), at, account.CustomerId, account.Version, account.Name, account.Industry, account.Website, company.Address, ownerId));
        return account;
    }

    /// <summary>
    /// Records the credit standing orders announced. It is orders' fact, learnt here so that sales sees it and no deal
    /// is won for a customer whose order would be refused: no version of the account's own, no event.
    /// </summary>
    public void RecordCreditStanding(CreditStatus status, string reason) =>
        CreditHoldReason = status == CreditStatus.Hold ? reason : null;

    /// <summary>
    /// Changes the profile (a null part keeps its value); the name stays unique among accounts, which the caller
    /// checks against the others before saving. AccountUpdated carries the whole new profile.
    /// </summary>
    public Result Update(AccountProfile change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Name is { } name)
        {
            if (CustomerMatching.NormalizeName(name).Length == 0)
            {
                return DomainError.Invalid("name", "must hold a letter or a digit");
            }

            Name = name;
            NormalizedName = CustomerMatching.NormalizeName(name);
        }

        Industry = change.Industry is null ? Industry : Blank(change.Industry);
        Website = change.Website is null ? Website : Blank(change.Website);
        OwnerId = change.OwnerId is null ? OwnerId : Blank(change.OwnerId);
        if (change.Address is { } address)
        {
            (Street, City, Region, PostalCode, Country) = (Blank(address.Street), Blank(address.City), address.Region, Blank(address.PostalCode), Blank(address.Country));
        }

        Version++;
        Raise(new AccountUpdated(Guid.CreateVersion7(at), at, CustomerId, Version, Name, Industry, Website, Address, OwnerId));
        return Result.Done;
    }

    /// <summary>
    /// Changes a contact (a null part keeps its value; the e-mail stays unique on the account). ContactUpdated
    /// carries the contact as it is now, at the account's new version.
    /// </summary>
    public Result<Contact> UpdateContact(Guid contactId, ContactChange change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Contacts.FirstOrDefault(c => c.ContactId == contactId) is not { } contact)
        {
            return DomainError.NotFound($"contact {contactId} is not a contact of customer {CustomerId}", "contact_id");
        }

        var email = change.Email is null ? contact.NormalizedEmail : CustomerMatching.NormalizeEmail(change.Email);
        if (email is not null && Contacts.Any(c => c.ContactId != contactId && c.NormalizedEmail == email))
        {
            return DomainError.Invalid("email", $"another contact of customer {CustomerId} has this e-mail");
        }

        contact.FirstName = change.FirstName ?? contact.FirstName;
        contact.LastName = change.LastName ?? contact.LastName;
        contact.Title = change.Title is null ? contact.Title : Blank(change.Title);
        if (change.Email is not null)
        {
            (contact.Email, contact.NormalizedEmail) = (Blank(change.Email), email);
        }

        if (change.Phone is not null)
        {
            (contact.Phone, contact.NormalizedPhone) = (Blank(change.Phone), CustomerMatching.NormalizePhone(change.Phone));
        }

        contact.BuyingRole = change.BuyingRole ?? contact.BuyingRole;
        Version++;
        Raise(new ContactUpdated(
            Guid.CreateVersion7(at), at, CustomerId, Version, contact.ContactId, contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.Title, contact.BuyingRole));
        return contact;
    }

    /// <summary>Records a contact's consent to a channel or their opt-out of it; saying again what is on record changes nothing.</summary>
    public Result<Contact> RecordContactConsent(Guid contactId, ChannelConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (Contacts.FirstOrDefault(c => c.ContactId == contactId) is not { } contact)
        {
            return DomainError.NotFound($"contact {contactId} is not a contact of customer {CustomerId}", "contact_id");
        }

        if (ChannelConsent.IsOnRecord(contact.Consents, consent))
        {
            return contact;
        }

        contact.Consents = ChannelConsent.Record(contact.Consents, consent);
        Version++;
        Raise(new ContactConsentRecorded(Guid.CreateVersion7(consent.RecordedAt), consent.RecordedAt, CustomerId, Version, contactId, consent));
        return contact;
    }

    /// <summary>
    /// Adds <paramref name="person"/> as a contact unless the account knows them already (the same e-mail or, without
    /// one, the same name); null when known.
    /// </summary>
    public Contact? AddContact(ContactDetails person, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(person);
        var email = CustomerMatching.NormalizeEmail(person.Email);
        var known = email is null
            ? Contacts.Any(c => c.NormalizedEmail is null && string.Equals(c.FirstName, person.FirstName, StringComparison.OrdinalIgnoreCase) && string.Equals(c.LastName, person.LastName, StringComparison.OrdinalIgnoreCase))
            : Contacts.Any(c => c.NormalizedEmail == email);
        if (known)
        {
            return null;
        }

        var contact = new Contact
        {
            ContactId = Guid.CreateVersion7(at),
            CustomerId = CustomerId,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Title = person.Title,
            Email = person.Email?.Trim(),
            NormalizedEmail = email,
            Phone = person.Phone,
            NormalizedPhone = CustomerMatching.NormalizePhone(person.Phone),
            BuyingRole = person.BuyingRole,
            AddedAt = at,
        };
        Contacts.Add(contact);
        Version++;
        Raise(new ContactAdded(
            Guid.CreateVersion7(at), at, CustomerId, Version, contact.ContactId, contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.Title, contact.BuyingRole));
        return contact;
    }

    /// <summary>
    /// Erases a contact, irreversibly: their name becomes <paramref name="pseudonym"/>; their title, e-mail, phone and
    /// consents go. The contact stays (meetings and the buying centre still count them) as nobody in particular.
    /// Returns the contact as they were, so that copies elsewhere can be found; null when not a contact here.
    /// </summary>
    public Contact? EraseContact(Guid contactId, string pseudonym)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        if (Contacts.FirstOrDefault(c => c.ContactId == contactId) is not { } contact)
        {
            return null;
        }

        var held = new Contact
        {
            ContactId = contact.ContactId,
            CustomerId = contact.CustomerId,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            Title = contact.Title,
            Email = contact.Email,
            NormalizedEmail = contact.NormalizedEmail,
            Phone = contact.Phone,
            NormalizedPhone = contact.NormalizedPhone,
            BuyingRole = contact.BuyingRole,
            Consents = contact.Consents,
            AddedAt = contact.AddedAt,
        };
        contact.FirstName = pseudonym;
        contact.LastName = pseudonym;
        (contact.Title, contact.Email, contact.NormalizedEmail, contact.Phone, contact.NormalizedPhone) = (null, null, null, null, null);
        contact.Consents = [];
        Version++;
        return held;
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
