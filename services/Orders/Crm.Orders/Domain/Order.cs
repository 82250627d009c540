namespace Crm.Orders.Domain;

/// <summary>
/// An order booked from a won opportunity (or recorded as rejected), with its shipment and invoices. One per
/// opportunity. <see cref="Version"/> grows by one with every change and is the version its events carry.
/// </summary>
public sealed class Order
{
    public required Guid Id { get; init; }

    public required Guid CustomerId { get; init; }

    public required Guid OpportunityId { get; init; }

    public required string OwnerId { get; init; }

    public OrderStatus Status { get; set; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    public required string Currency { get; init; }

    public decimal Total { get; init; }

    public ShippingAddress? ShipTo { get; init; }

    public string? PurchaseOrderNumber { get; init; }

    public string? RejectionReason { get; init; }

    public Guid? ShipmentId { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }

    public string? ShippedBy { get; private set; }

    public DateTimeOffset BookedAt { get; init; }

    public long Version { get; private set; } = 1;

    public ICollection<Invoice> Invoices { get; init; } = [];

    public bool IsShipped => ShipmentId is not null;

    /// <summary>Records the shipment; the caller has checked that the order may ship.</summary>
    public void Ship(string carrier, string trackingNumber, DateTimeOffset at, string by)
    {
        ShipmentId = Guid.NewGuid();
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        ShippedAt = at;
        ShippedBy = by;
        if (Status == OrderStatus.Booked)
        {
            Status = OrderStatus.Shipped;
        }

        Version++;
    }

    public void MarkInvoiced()
    {
        Status = OrderStatus.Invoiced;
        Version++;
    }

    public void MarkPaid()
    {
        Status = OrderStatus.Paid;
        Version++;
    }
}
