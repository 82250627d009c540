using Crm.Contracts;
using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain.Flow;

/// <summary>
/// One opportunity event as the deal's history keeps it: its version, its day, and the facts it told (null where it told
/// nothing). A deal's steps, in the order of their versions, are its <see cref="DealHistory"/>.
/// </summary>
internal sealed record DealStep(
    Guid OpportunityId,
    long Version,
    DateOnly On,
    string? OwnerId,
    string? SalesTeam,
    OpportunityStage? Stage,
    int? Probability,
    decimal? Amount,
    string? Currency,
    DateOnly? CloseOn,
    DateOnly? ClosedOn,
    ForecastCategory? Category)
{
    public static DealStep Of(Guid opportunityId, long version, DateTimeOffset occurredAt, ForecastFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new DealStep(
            opportunityId, version, DateOnly.FromDateTime(occurredAt.UtcDateTime), facts.OwnerId, facts.SalesTeam, facts.Stage, facts.Probability,
            facts.Amount?.Amount, facts.Amount?.Currency, facts.CloseOn, facts.ClosedOn, facts.Category);
    }

    /// <summary>The step of an opportunity event, or null for another event.</summary>
    public static DealStep? Of(IIntegrationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ForecastFacts.Of(e) is { } facts ? Of(e.AggregateId, e.Version, e.OccurredAt, facts) : null;
    }
}
