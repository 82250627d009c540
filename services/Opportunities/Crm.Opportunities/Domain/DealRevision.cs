using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Opportunities.Domain;

/// <summary>A revision of a deal (<see cref="Opportunity.Revise"/>): each part null, or the lines empty, to keep the current value.</summary>
internal sealed record DealRevision(Money? Amount, DateOnly? CloseDate, IReadOnlyList<OpportunityLine> Lines, int? Probability, ForecastCategory? Category);
