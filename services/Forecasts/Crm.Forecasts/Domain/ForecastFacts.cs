using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain;

/// <summary>What one opportunity event tells the forecast; null where the event says nothing.</summary>
internal sealed record ForecastFacts(
    Guid CustomerId,
    string? OwnerId = null,
    OpportunityStage? Stage = null,
    int? Probability = null,
    Money? Amount = null,
    DateOnly? CloseOn = null,
    DateOnly? ClosedOn = null,
    string? SalesTeam = null);
