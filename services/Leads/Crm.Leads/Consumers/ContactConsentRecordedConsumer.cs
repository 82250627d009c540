using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;

namespace Crm.Leads.Consumers;

/// <summary>Learns a contact's consent or opt-out, which every cadence honours. Once per event (the inbox).</summary>
public sealed class ContactConsentRecordedConsumer(LeadsDbContext db) : InboxConsumer<ContactConsentRecorded, LeadsDbContext>(db)
{
    protected override Task ApplyAsync(ContactConsentRecorded message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        return context.RecordContactConsentAsync(message.ContactId, message.Consent, cancellationToken);
    }
}
