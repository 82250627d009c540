using Crm.Contracts.Leads;
using Crm.Messaging.Inbox;
using Crm.Opportunities.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Consumers;

/// <summary>
/// A customer's contact opted out through the link of a marketing e-mail (the leads service sent it): the opt-out is
/// recorded on the contact, where the account's team sees it, and published as ContactConsentRecorded like any other.
/// Said again, it changes nothing. Once per event (the inbox).
/// </summary>
internal sealed partial class ContactUnsubscribedConsumer(OpportunitiesDbContext db, ILogger<ContactUnsubscribedConsumer> logger)
    : InboxConsumer<ContactUnsubscribed, OpportunitiesDbContext>(db)
{
    protected override async Task ApplyAsync(ContactUnsubscribed message, OpportunitiesDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var account = await context.Accounts.Include(a => a.Contacts).FirstOrDefaultAsync(a => a.CustomerId == message.CustomerId, cancellationToken);

        // A contact removed or erased since the e-mail went has nothing left to record it on.
        if (account is null || account.RecordContactConsent(message.ContactId, message.Consent).Error is not null)
        {
            LogUnknownContact(message.ContactId, message.CustomerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact {ContactId} of customer {CustomerId}, unknown here, opted out of marketing e-mail; ignored")]
    private partial void LogUnknownContact(Guid contactId, Guid customerId);
}
