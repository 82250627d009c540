using Crm.Contracts;
using Crm.Contracts.Leads;
using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>
/// A marketing campaign and what it has cost so far. Costs add up in one currency, the one of the first cost, so
/// that ROI per source is one sum.
/// </summary>
public sealed class Campaign : AggregateRoot
{
    private Campaign()
    {
    }

    public Guid CampaignId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public CampaignType Type { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public decimal? BudgetAmount { get; private set; }

    public string? BudgetCurrency { get; private set; }

    /// <summary>The currency of the first recorded cost; null until one is recorded.</summary>
    public string? CostCurrency { get; private set; }

    public decimal TotalCost { get; private set; }

    public DateTimeOffset LaunchedAt { get; private set; }

    public string LaunchedBy { get; private set; } = string.Empty;

    public Money? Budget => BudgetCurrency is null ? null : new Money(BudgetCurrency, BudgetAmount ?? 0);

    /// <summary>The sum of every cost, or null before the first one.</summary>
    public Money? Total => CostCurrency is null ? null : new Money(CostCurrency, TotalCost);

    /// <summary>The source its leads come from, for ROI per source.</summary>
    public LeadSource Source => Type switch
    {
        CampaignType.AdvertisingCampaign => LeadSource.Advertising,
        CampaignType.TradeShowCampaign => LeadSource.TradeShow,
        CampaignType.EventCampaign => LeadSource.Event,
        CampaignType.DirectMailCampaign => LeadSource.DirectMail,
        CampaignType.WebCampaign => LeadSource.WebForm,
        CampaignType.PurchasedListCampaign => LeadSource.PurchasedList,
        _ => LeadSource.Other,
    };

    /// <summary>A new campaign; the caller has checked that it ends no earlier than it starts.</summary>
    public static Campaign Launch(string name, CampaignType type, DateOnly startsOn, DateOnly? endsOn, Money? budget, string by, DateTimeOffset at)
    {
        var campaign = new Campaign
        {
            CampaignId = Guid.CreateVersion7(at),
            Name = name,
            Type = type,
            StartsOn = startsOn,
            EndsOn = endsOn,
            BudgetAmount = budget?.Amount,
            BudgetCurrency = budget?.Currency,
            Version = 1,
            LaunchedAt = at,
            LaunchedBy = by,
        };
        campaign.Raise(new CampaignLaunched(
            Guid.CreateVersion7(at), at, campaign.CampaignId, campaign.Version, name, campaign.Source, startsOn, endsOn, budget));
        return campaign;
    }

    /// <summary>
    /// Adds a cost: <paramref name="amount"/> is positive (checked by the caller) and in the currency of the costs
    /// recorded before, or a refusal naming <paramref name="currencyField"/>.
    /// </summary>
    public Result<CampaignCost> RecordCost(Money amount, string description, string currencyField, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (CostCurrency is not null && CostCurrency != amount.Currency)
        {
            return DomainError.Invalid(currencyField, $"campaign {CampaignId} records its costs in {CostCurrency}, not {amount.Currency}");
        }

        CostCurrency = amount.Currency;
        TotalCost += amount.Amount;
        Version++;
        var cost = new CampaignCost(Guid.CreateVersion7(at), CampaignId, description, amount.Amount, amount.Currency, DateOnly.FromDateTime(at.UtcDateTime), at, by);
        Raise(new CampaignCostRecorded(Guid.CreateVersion7(at), at, CampaignId, Version, cost.CostId, description, amount, cost.IncurredOn, Total!));
        return cost;
    }
}
