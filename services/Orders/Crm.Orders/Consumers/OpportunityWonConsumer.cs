using Crm.Messaging.Data;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Orders;
using Crm.Messaging.Inbox;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using OrderLine = Crm.Orders.Domain.OrderLine;

namespace Crm.Orders.Consumers;

/// <summary>
/// Books a won deal as an order from the event's data alone: customer, lines, total, ship-to and PO number, with no
/// re-entry. A customer on credit hold gets the order recorded as rejected with the hold's reason instead. One order
/// per opportunity: the inbox skips a redelivered event, and a second event for the same opportunity changes nothing.
/// </summary>
public sealed partial class OpportunityWonConsumer(OrdersDbContext db, TimeProvider time, ILogger<OpportunityWonConsumer> logger)
    : InboxConsumer<OpportunityWon, OrdersDbContext>(db)
{
    protected override async Task ApplyAsync(OpportunityWon message, OrdersDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (message.FromHistory)
        {
            // Won in the past and ordered in the system of its time: booking it now would invoice it twice.
            LogFromHistory(message.OpportunityId);
            return;
        }

        // Two events for one deal (a repeated win, not a redelivery) may arrive at once: one books, the other sees it.
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({message.OpportunityId.ToString()}, 0))", cancellationToken);
        if (await context.Orders.AnyAsync(o => o.OpportunityId == message.OpportunityId, cancellationToken))
        {
            LogAlreadyBooked(message.OpportunityId);
            return;
        }

        var credit = await context.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == message.CustomerId, cancellationToken);
        var order = Order.Book(message, credit, time.UtcNowInMicroseconds());
        context.Orders.Add(order);
        if (order.Status == OrderStatus.Rejected)
        {
            LogRejected(message.OpportunityId, order.RejectionReason!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} was won in the past (imported history); no order booked")]
    private partial void LogFromHistory(Guid opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} already has its order; nothing booked")]
    private partial void LogAlreadyBooked(Guid opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order for opportunity {OpportunityId} rejected: {Detail}")]
    private partial void LogRejected(Guid opportunityId, string detail);
}
