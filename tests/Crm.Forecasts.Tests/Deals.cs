extern alias service;

using Crm.Contracts.Opportunities;
using Crm.Contracts;
using service::Crm.Forecasts.Domain.Flow;

namespace Crm.Forecasts.Tests;

/// <summary>Opportunity events as the opportunities service publishes them, for one deal.</summary>
internal sealed record Deals(Guid OpportunityId, string OwnerId)
{
    public static readonly Guid Customer = Guid.Parse("5e1d0000-0000-4000-8000-000000000001");

    public static Deals New(string owner) => new(Guid.NewGuid(), owner);

    public OpportunityOpened Opened(decimal amount, DateOnly closeOn, string currency = "EUR", string? team = null, DateOnly? on = null, OpportunityStage stage = OpportunityStage.Qualification) => new(
        Guid.NewGuid(), At(on), Customer, OpportunityId, 1, "Deal", OwnerId, stage, StageProbability.Default(stage),
        new Money(currency, amount), closeOn, LeadSource.TradeShow, null, null, team);

    public OpportunityStageChanged StageChanged(long version, OpportunityStage from, OpportunityStage to, int probability, DateOnly? on = null) => new(
        Guid.NewGuid(), At(on), Customer, OpportunityId, version, from, to, probability, OwnerId);

    public ForecastUpdated Updated(
        long version, OpportunityStage stage, int probability, decimal amount, DateOnly closeOn, DateOnly? on = null, ForecastCategory category = ForecastCategory.Commit, ForecastCategory? managerCategory = null) => new(
        Guid.NewGuid(), At(on), Customer, OpportunityId, version, OwnerId, stage, category, probability,
        new Money("EUR", amount), closeOn, managerCategory);

    public OpportunityWon Won(long version, decimal total, DateOnly wonOn) => new(
        Guid.NewGuid(), At(wonOn), Customer, OpportunityId, version, OwnerId,
        [new OpportunityLine(Guid.NewGuid(), "Licence", 1, new Money("EUR", total))], new Money("EUR", total), wonOn, null, null);

    public OpportunityLost Lost(long version, decimal amount, DateOnly lostOn) => new(
        Guid.NewGuid(), new DateTimeOffset(lostOn, new TimeOnly(12, 0), TimeSpan.Zero), Customer, OpportunityId, version, OwnerId,
        OpportunityStage.Proposal, "No budget", null, new Money("EUR", amount));

    /// <summary>The history that a deal's events make, as the forecasts service keeps it (one step per event).</summary>
    public static DealHistory? History(params IIntegrationEvent[] events) => DealHistory.From(events.Select(DealStep.Of).OfType<DealStep>());

    /// <summary>Events of a given day happen at noon; others now.</summary>
    private static DateTimeOffset At(DateOnly? on) => on is { } day ? new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero) : DateTimeOffset.UtcNow;
}
