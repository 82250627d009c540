using Crm.Contracts.Opportunities;
using Crm.Messaging.Data;
using Crm.Messaging.Inbox;
using Crm.Orders.Data;

namespace Crm.Orders.Consumers;

/// <summary>A customer's changed billing name or address, from the customer master.</summary>
public sealed class AccountUpdatedConsumer(OrdersDbContext db, TimeProvider time) : InboxConsumer<AccountUpdated, OrdersDbContext>(db)
{
    protected override Task ApplyAsync(AccountUpdated message, OrdersDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BillingProfiles.LearnAsync(context, message.CustomerId, message.Name, message.BillingAddress, message.Version, time.UtcNowInMicroseconds(), cancellationToken);
    }
}
