using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Messaging.Inbox;

namespace Crm.Leads.Consumers;

/// <summary>Learns a contact as they are now (e-mail and phone for de-duplication; names and role for segments). Once per event (the inbox).</summary>
public sealed class ContactUpdatedConsumer(LeadsDbContext db) : InboxConsumer<ContactUpdated, LeadsDbContext>(db)
{
    protected override Task ApplyAsync(ContactUpdated message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var profile = new ContactProfile(message.FirstName, message.LastName, message.Email, message.Phone, message.Title, message.BuyingRole);
        return context.KnowContactAsync(message.ContactId, message.CustomerId, profile, message.OccurredAt, cancellationToken);
    }
}
