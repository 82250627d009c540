using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>A deal entering a stage on a day; it stays until the next spell begins or the deal closes.</summary>
internal sealed record StageSpell(OpportunityStage Stage, DateOnly EnteredOn);
