using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>A deal worked through the stages to a win or a loss: what, when, how likely and how much.</summary>
internal sealed class Opportunity
{
    public Guid OpportunityId { get; init; }

    public Guid CustomerId { get; init; }

    public required string Name { get; set; }

    public OpportunityStage Stage { get; set; }

    /// <summary>0..100: the stage's default (<see cref="StageProbability"/>) unless a rep set it.</summary>
    public int Probability { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public DateOnly CloseDate { get; set; }

    public ForecastCategory ForecastCategory { get; set; }

    public required string OwnerId { get; set; }

    public Guid? LeadId { get; init; }

    public LeadSource? Source { get; init; }

    public Guid? CampaignId { get; init; }

    public string? LossReason { get; set; }

    public string? PurchaseOrderNumber { get; set; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>1 when opened, one more for each change; every event of the opportunity carries it.</summary>
    public long Version { get; set; }

    public ICollection<OpportunityLineItem> Lines { get; } = [];

    public bool IsOpen => Stage is not (OpportunityStage.Won or OpportunityStage.Lost);

    /// <summary>Replaces the lines with <paramref name="lines"/>, in their order.</summary>
    public void ReplaceLines(IEnumerable<OpportunityLine> lines)
    {
        Lines.Clear();
        var position = 0;
        foreach (var line in lines)
        {
            Lines.Add(new OpportunityLineItem
            {
                LineId = Guid.NewGuid(),
                OpportunityId = OpportunityId,
                Position = position++,
                ProductId = line.ProductId,
                ProductName = line.ProductName,
                Quantity = line.Quantity,
                UnitPrice = line.UnitPrice.Amount,
                Currency = line.UnitPrice.Currency,
            });
        }
    }

    public IReadOnlyList<OpportunityLine> ContractLines() =>
        [.. Lines.OrderBy(l => l.Position).Select(l => new OpportunityLine(l.ProductId, l.ProductName, l.Quantity, new Money(l.Currency, l.UnitPrice)))];

    /// <summary>The forecast as the ForecastUpdated event states it.</summary>
    public ForecastUpdated ForecastUpdated(DateTimeOffset now) => new(
        Guid.NewGuid(), now, CustomerId, OpportunityId, Version, OwnerId, Stage, ForecastCategory, Probability, new Money(Currency, Amount), CloseDate);
}
