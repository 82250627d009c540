using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Messaging.Inbox;

namespace Crm.Leads.Consumers;

/// <summary>Learns a customer's new contact, so that a lead list's row of the same person is a duplicate and segments of contacts hold them. Once per event (the inbox).</summary>
public sealed class ContactAddedConsumer(LeadsDbContext db) : InboxConsumer<ContactAdded, LeadsDbContext>(db)
{
    protected override Task ApplyAsync(ContactAdded message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var profile = new ContactProfile(message.FirstName, message.LastName, message.Email, message.Phone, message.Title, message.BuyingRole);
        return context.KnowContactAsync(message.ContactId, message.CustomerId, profile, message.OccurredAt, cancellationToken);
    }
}
