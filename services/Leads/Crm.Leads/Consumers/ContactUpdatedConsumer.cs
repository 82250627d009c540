using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;

namespace Crm.Leads.Consumers;

/// <summary>Learns a contact's new e-mail or phone, for de-duplication. Once per event (the inbox).</summary>
public sealed class ContactUpdatedConsumer(LeadsDbContext db) : InboxConsumer<ContactUpdated, LeadsDbContext>(db)
{
    protected override Task ApplyAsync(ContactUpdated message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        return context.KnowContactAsync(message.ContactId, message.CustomerId, message.Email, message.Phone, message.OccurredAt, cancellationToken);
    }
}
