namespace Crm.Contracts.Opportunities;

/// <summary>A product on an opportunity: what, how many and at what price.</summary>
public sealed record OpportunityLine(Guid ProductId, string ProductName, decimal Quantity, Money UnitPrice);
