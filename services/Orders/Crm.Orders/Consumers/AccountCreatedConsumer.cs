using Crm.Contracts.Opportunities;
using Crm.Messaging.Data;
using Crm.Messaging.Inbox;
using Crm.Orders.Data;

namespace Crm.Orders.Consumers;

/// <summary>A new customer's billing profile, from the customer master.</summary>
public sealed class AccountCreatedConsumer(OrdersDbContext db, TimeProvider time) : InboxConsumer<AccountCreated, OrdersDbContext>(db)
{
    protected override Task ApplyAsync(AccountCreated message, OrdersDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BillingProfiles.LearnAsync(context, message.CustomerId, message.Name, message.BillingAddress, message.Version, time.UtcNowInMicroseconds(), cancellationToken);
    }
}
