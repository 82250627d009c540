namespace Crm.Orders.Domain;

/// <summary>Where an order stands, from booking to payment (stored as its name).</summary>
public enum OrderStatus
{
    Booked,
    Rejected,
    Shipped,
    Invoiced,
    Paid,
}
