namespace Crm.Opportunities.Domain;

/// <summary>A product on an opportunity, stored in its position.</summary>
internal sealed class OpportunityLineItem
{
    public Guid LineId { get; init; }

    public Guid OpportunityId { get; init; }

    public int Position { get; init; }

    public Guid ProductId { get; init; }

    public required string ProductName { get; init; }

    public decimal Quantity { get; init; }

    public decimal UnitPrice { get; init; }

    public required string Currency { get; init; }
}
