using Crm.Contracts;
using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Consumers;

/// <summary>The one way opportunities' events about customers and their contacts change what the leads service knows
/// of them (for de-duplication and for segments of contacts).</summary>
internal static class KnownContacts
{
    public static async Task KnowContactAsync(this LeadsDbContext db, Guid contactId, Guid customerId, ContactProfile profile, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.LockCustomerAsync(customerId, cancellationToken);
        var contact = await db.KnownContacts.SingleOrDefaultAsync(c => c.ContactId == contactId, cancellationToken);
        if (contact is null)
        {
            contact = KnownContact.New(contactId, customerId);
            db.KnownContacts.Add(contact);
            if (await db.KnownCustomers.FindAsync([customerId], cancellationToken) is { } customer)
            {
                contact.WorksFor(customer, at);
            }
        }

        contact.Describe(profile, at);
    }

    /// <summary>The account as of its event's version, copied onto each of its contacts (an older event changes nothing).</summary>
    public static async Task KnowCustomerAsync(this LeadsDbContext db, Guid customerId, long version, string name, string? industry, PostalAddress? billingAddress, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await db.LockCustomerAsync(customerId, cancellationToken);
        var customer = await db.KnownCustomers.FindAsync([customerId], cancellationToken);
        if (customer is null)
        {
            customer = KnownCustomer.New(customerId);
            db.KnownCustomers.Add(customer);
        }

        if (!customer.Describe(version, name, industry, billingAddress?.Country, at))
        {
            return;
        }

        // A customer has tens of contacts, not thousands: each is changed through its own rules.
        foreach (var contact in await db.KnownContacts.Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken))
        {
            contact.WorksFor(customer, at);
        }
    }

    /// <summary>A contact's word on a channel; for a contact not known yet (their ContactAdded comes by another queue)
    /// the event fails and is retried, so that no opt-out is lost.</summary>
    public static async Task RecordContactConsentAsync(this LeadsDbContext db, Guid contactId, ChannelConsent consent, CancellationToken cancellationToken)
    {
        var contact = await db.KnownContacts.SingleOrDefaultAsync(c => c.ContactId == contactId, cancellationToken)
            ?? throw new InvalidOperationException($"contact {contactId} is not known yet: its ContactAdded has not arrived");
        contact.RecordConsent(consent);
    }

    /// <summary>
    /// Holds the customer until the event's transaction ends. A customer's events and its contacts' come by different
    /// queues, often at once: without it, a new contact and its account's profile, applied side by side, each miss the
    /// other (neither committed yet), and the contact is left without the customer's industry and country.
    /// </summary>
    private static async Task LockCustomerAsync(this LeadsDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(customerId.ToByteArray(), 8);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }
}
