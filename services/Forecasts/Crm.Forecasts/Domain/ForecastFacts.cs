using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain;

/// <summary>What one opportunity event tells the forecast; null where the event says nothing. Winning a deal closes its
/// forecast category and losing it omits it, as the opportunity does.</summary>
internal sealed record ForecastFacts(
    Guid CustomerId,
    string? OwnerId = null,
    OpportunityStage? Stage = null,
    int? Probability = null,
    Money? Amount = null,
    DateOnly? CloseOn = null,
    DateOnly? ClosedOn = null,
    string? SalesTeam = null,
    ForecastCategory? Category = null,
    ForecastCategory? ManagerCategory = null)
{
    /// <summary>What <paramref name="e"/> tells, or null for an event that is not about an opportunity's forecast.</summary>
    public static ForecastFacts? Of(IIntegrationEvent e) => e switch
    {
        OpportunityOpened m => new(m.CustomerId, m.OwnerId, m.Stage, m.Probability, m.Amount, m.ExpectedCloseOn, SalesTeam: m.SalesTeam),
        OpportunityStageChanged m => new(m.CustomerId, Stage: m.Stage, Probability: m.Probability),
        ForecastUpdated m => new(m.CustomerId, m.OwnerId, m.Stage, m.Probability, m.Amount, m.ExpectedCloseOn, Category: m.Category, ManagerCategory: m.ManagerCategory),
        OpportunityWon m => new(m.CustomerId, m.OwnerId, OpportunityStage.Won, 100, m.Total, ClosedOn: m.WonOn, Category: ForecastCategory.Closed),
        OpportunityLost m => new(m.CustomerId, m.OwnerId, OpportunityStage.Lost, 0, m.Amount, ClosedOn: DateOnly.FromDateTime(m.OccurredAt.UtcDateTime), Category: ForecastCategory.Omitted),
        _ => null,
    };
}
