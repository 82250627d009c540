namespace Crm.Orders.Domain;

/// <summary>A line copied from the won deal: never re-entered, never changed after booking.</summary>
public sealed record OrderLine(Guid ProductId, string ProductName, decimal Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}
