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
        // Two events for one deal (a repeated win, not a redelivery) may arrive at once: one books, the other sees it.
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({message.OpportunityId.ToString()}, 0))", cancellationToken);
        if (await context.Orders.AnyAsync(o => o.OpportunityId == message.OpportunityId, cancellationToken))
        {
            LogAlreadyBooked(message.OpportunityId);
            return;
        }

        var now = time.UtcNowInMicroseconds();
        var credit = await context.CreditAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == message.CustomerId, cancellationToken);
        var rejection = Rejection(message, credit);
        var order = new Order
        {
            Id = Guid.NewGuid(),
            CustomerId = message.CustomerId,
            OpportunityId = message.OpportunityId,
            OwnerId = message.OwnerId,
            Status = rejection is null ? OrderStatus.Booked : OrderStatus.Rejected,
            Lines = [.. message.Lines.Select(l => new OrderLine(l.ProductId, l.ProductName, l.Quantity, l.UnitPrice.Amount))],
            Currency = message.Total.Currency,
            Total = message.Total.Amount,
            ShipTo = message.ShipTo is { } to ? new ShippingAddress(to.Street, to.City, to.Region, to.PostalCode, to.Country) : null,
            PurchaseOrderNumber = message.PurchaseOrderNumber,
            RejectionReason = rejection?.Detail,
            BookedAt = now,
        };
        context.Orders.Add(order);
        if (rejection is { } rejected)
        {
            context.Publish(new OrderRejected(Guid.NewGuid(), now, order.CustomerId, order.Id, order.Version, order.OpportunityId, rejected.Reason, rejected.Detail));
            LogRejected(message.OpportunityId, rejected.Detail);
            return;
        }

        context.Publish(new OrderBooked(
            Guid.NewGuid(), now, order.CustomerId, order.Id, order.Version, order.OpportunityId, order.OwnerId,
            [.. order.Lines.Select(l => new Contracts.Orders.OrderLine(l.ProductId, l.ProductName, l.Quantity, new(order.Currency, l.UnitPrice), new(order.Currency, l.LineTotal)))],
            message.Total, message.ShipTo));
    }

    /// <summary>Why the deal cannot be booked, or null when it can.</summary>
    private static (OrderRejectionReason Reason, string Detail)? Rejection(OpportunityWon message, CreditAccount? credit)
    {
        if (credit is { OnHold: true })
        {
            return (OrderRejectionReason.CreditHold, $"customer on credit hold: {credit.Reason}");
        }

        if (message.Lines.Count == 0)
        {
            return (OrderRejectionReason.InvalidLines, "the won opportunity has no lines to book");
        }

        return message.Lines.Any(l => l.UnitPrice.Currency != message.Total.Currency)
            ? (OrderRejectionReason.InvalidLines, $"a line is priced in another currency than the total ({message.Total.Currency})")
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} already has its order; nothing booked")]
    private partial void LogAlreadyBooked(Guid opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order for opportunity {OpportunityId} rejected: {Detail}")]
    private partial void LogRejected(Guid opportunityId, string detail);
}
