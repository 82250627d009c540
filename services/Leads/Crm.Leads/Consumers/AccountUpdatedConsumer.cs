using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;

namespace Crm.Leads.Consumers;

/// <summary>Learns a customer's name, industry and country, which segments of contacts filter by. Once per event (the inbox).</summary>
public sealed class AccountUpdatedConsumer(LeadsDbContext db) : InboxConsumer<AccountUpdated, LeadsDbContext>(db)
{
    protected override Task ApplyAsync(AccountUpdated message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        return context.KnowCustomerAsync(message.CustomerId, message.Version, message.Name, message.Industry, message.BillingAddress, message.OccurredAt, cancellationToken);
    }
}
