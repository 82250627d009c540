using Crm.Contracts.Opportunities;
using Crm.Messaging.Inbox;
using Crm.Support.Data;
using Crm.Support.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Consumers;

/// <summary>Learns each customer from the customer master, so that a case is opened only for a customer that exists.</summary>
public sealed class AccountCreatedConsumer(SupportDbContext db) : InboxConsumer<AccountCreated, SupportDbContext>(db)
{
    protected override async Task ApplyAsync(AccountCreated message, SupportDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (!await context.Customers.AnyAsync(c => c.CustomerId == message.CustomerId, cancellationToken))
        {
            context.Customers.Add(new Customer(message.CustomerId, message.Name, message.OccurredAt));
        }
    }
}
