using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>A dated change of a deal worked in another system: a part left null keeps its value.</summary>
internal sealed record HistoricStep(DateOnly On, OpportunityStage? Stage, DateOnly? CloseDate, ForecastCategory? Category);
