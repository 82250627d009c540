using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Orders;
using Crm.Domain;

namespace Crm.Orders.Domain;

/// <summary>
/// An order booked from a won opportunity (or recorded as rejected), with its shipment and invoices. One per
/// opportunity. Its rules: a rejected order neither ships nor is invoiced; it ships once and is invoiced once; it is
/// paid when every invoice is. Each change raises the event that tells the other services, at the new
/// <see cref="AggregateRoot.Version"/>.
/// </summary>
public sealed class Order : AggregateRoot
{
    private Order()
    {
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid OpportunityId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string OwnerId { get; private set; } = string.Empty;

    public OrderStatus Status { get; private set; }

    public IReadOnlyList<OrderLine> Lines { get; private set; } = [];

    public string Currency { get; private set; } = string.Empty;

    public decimal Total { get; private set; }

    public ShippingAddress? ShipTo { get; private set; }

    public string? PurchaseOrderNumber { get; private set; }

    public string? RejectionReason { get; private set; }

    public Guid? ShipmentId { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public string? ShippedBy { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public ICollection<Invoice> Invoices { get; private set; } = [];

    public bool IsShipped => ShipmentId is not null;

    /// <summary>
    /// Books the won deal from its event alone (no re-entry), or records it as rejected when
    /// <paramref name="creditAccount"/> is on hold or the lines cannot be booked.
    /// </summary>
    public static Order Book(OpportunityWon won, CreditAccount? creditAccount, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(won);
        var rejection = Rejection(won, creditAccount);
        var order = new Order
        {
            Id = Guid.CreateVersion7(at),
            CustomerId = won.CustomerId,
            OpportunityId = won.OpportunityId,
            OwnerId = won.OwnerId,
            Status = rejection is null ? OrderStatus.Booked : OrderStatus.Rejected,
            Lines = [.. won.Lines.Select(l => new OrderLine(l.ProductId, l.ProductName, l.Quantity, l.UnitPrice.Amount))],
            Currency = won.Total.Currency,
            Total = won.Total.Amount,
            ShipTo = won.ShipTo is { } to ? new ShippingAddress(to.Street, to.City, to.Region, to.PostalCode, to.Country) : null,
            PurchaseOrderNumber = won.PurchaseOrderNumber,
            RejectionReason = rejection?.Detail,
            BookedAt = at,
            Version = 1,
        };
        if (rejection is { } rejected)
        {
            order.Raise(new OrderRejected(Guid.CreateVersion7(at), at, order.CustomerId, order.Id, order.Version, order.OpportunityId, rejected.Reason, rejected.Detail));
        }
        else
        {
            order.Raise(new OrderBooked(
                Guid.CreateVersion7(at), at, order.CustomerId, order.Id, order.Version, order.OpportunityId, order.OwnerId,
                [.. order.Lines.Select(l => new Contracts.Orders.OrderLine(l.ProductId, l.ProductName, l.Quantity, new(order.Currency, l.UnitPrice), new(order.Currency, l.LineTotal)))],
                won.Total, won.ShipTo));
        }

        return order;
    }

    /// <summary>Records the shipment of a booked order, once.</summary>
    public Result Ship(string carrier, string trackingNumber, string by, DateTimeOffset at)
    {
        if (Status == OrderStatus.Rejected)
        {
            return DomainError.Precondition($"order {Id} was rejected ({RejectionReason}): it cannot ship");
        }

        if (IsShipped)
        {
            return DomainError.Precondition($"order {Id} already shipped with {Carrier} ({TrackingNumber})");
        }

        ShipmentId = Guid.CreateVersion7(at);
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        ShippedAt = at;
        ShippedBy = by;
        if (Status == OrderStatus.Booked)
        {
            Status = OrderStatus.Shipped;
        }

        Version++;
        Raise(new OrderShipped(Guid.CreateVersion7(at), at, CustomerId, Id, Version, ShipmentId.Value, carrier, trackingNumber, DateOnly.FromDateTime(at.UtcDateTime)));
        return Result.Done;
    }

    /// <summary>Invoices the order for its total, once, under <paramref name="number"/>; a due date in the past is taken (an invoice entered late).</summary>
    public Result<Invoice> Invoice(string number, DateOnly dueOn, DateTimeOffset at)
    {
        if (Status == OrderStatus.Rejected)
        {
            return DomainError.Precondition($"order {Id} was rejected ({RejectionReason}): there is nothing to invoice");
        }

        if (Invoices.FirstOrDefault() is { } existing)
        {
            return DomainError.Precondition($"order {Id} is already invoiced ({existing.Number})");
        }

        var invoice = Domain.Invoice.Issue(this, number, dueOn, at);
        Invoices.Add(invoice);
        Status = OrderStatus.Invoiced;
        Version++;
        return invoice;
    }

    /// <summary>Marks the order paid once every invoice is paid in full; true when that happened now.</summary>
    public bool SettleIfPaid()
    {
        if (Status == OrderStatus.Paid || Invoices.Count == 0 || Invoices.Any(i => i.Status != InvoiceStatus.PaidInFull))
        {
            return false;
        }

        Status = OrderStatus.Paid;
        Version++;
        return true;
    }

    /// <summary>Why the deal cannot be booked, or null when it can.</summary>
    private static (OrderRejectionReason Reason, string Detail)? Rejection(OpportunityWon won, CreditAccount? credit)
    {
        if (credit is { OnHold: true })
        {
            return (OrderRejectionReason.CreditHold, $"customer on credit hold: {credit.Reason}");
        }

        if (won.Lines.Count == 0)
        {
            return (OrderRejectionReason.InvalidLines, "the won opportunity has no lines to book");
        }

        return won.Lines.Any(l => l.UnitPrice.Currency != won.Total.Currency)
            ? (OrderRejectionReason.InvalidLines, $"a line is priced in another currency than the total ({won.Total.Currency})")
            : null;
    }
}
