namespace Crm.Contracts.Orders;

/// <summary>A line of a booked order.</summary>
public sealed record OrderLine(Guid ProductId, string ProductName, decimal Quantity, Money UnitPrice, Money LineTotal);
