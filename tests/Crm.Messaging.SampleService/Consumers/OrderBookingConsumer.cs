using System.Diagnostics;
using Crm.Contracts.Opportunities;
using Crm.Messaging.Inbox;
using Crm.Messaging.SampleService.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.SampleService.Consumers;

/// <summary>Books an order from a won deal, in two writes: the order, then the customer's tally.</summary>
public sealed class OrderBookingConsumer(SampleDbContext db) : InboxConsumer<OpportunityWon, SampleDbContext>(db)
{
    protected override async Task ApplyAsync(OpportunityWon message, SampleDbContext context, CancellationToken cancellationToken)
    {
        if (message.Lines.Count == 0)
        {
            throw new InvalidOperationException($"opportunity {message.OpportunityId} was won without lines: there is nothing to book");
        }

        context.BookedOrders.Add(new BookedOrder
        {
            Id = Guid.NewGuid(),
            EventId = message.EventId,
            OpportunityId = message.OpportunityId,
            CustomerId = message.CustomerId,
            Total = message.Lines.Sum(l => l.Quantity * l.UnitPrice.Amount),
            Currency = message.Total.Currency,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        await context.SaveChangesAsync(cancellationToken);
        await context.Database.ExecuteSqlAsync(
            $"INSERT INTO customer_tallies (customer_id, orders) VALUES ({message.CustomerId}, 1) ON CONFLICT (customer_id) DO UPDATE SET orders = customer_tallies.orders + 1",
            cancellationToken);
    }
}
