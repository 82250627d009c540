using Crm.Contracts;
using Crm.Contracts.Forecasts;
using Crm.Domain;

namespace Crm.Forecasts.Domain.Quotas;

/// <summary>
/// What a rep, a team or the company is expected to win in a period (a month, a quarter or a year), set by a sales
/// manager. There is one quota per scope and period: setting it again changes it.
/// </summary>
internal sealed class Quota : AggregateRoot
{
    /// <summary>No quota is larger: a figure beyond it is a typing error, not a target.</summary>
    public const decimal Largest = 1_000_000_000_000m;

    private Quota()
    {
    }

    public Guid QuotaId { get; private set; }

    public ForecastScope Scope { get; private set; }

    /// <summary>The rep's id or the team's name; empty for the company.</summary>
    public string ScopeId { get; private set; } = string.Empty;

    public ForecastPeriodKind PeriodKind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    /// <summary>The team whose managers keep the quota; null for one a vice-president keeps.</summary>
    public string? SalesTeam { get; private set; }

    public string SetBy { get; private set; } = string.Empty;

    public ForecastPeriod Period => new(PeriodKind, StartsOn, EndsOn);

    /// <summary>A new quota. A rep's or a team's names them; the company's names nobody.</summary>
    public static Result<Quota> Set(ForecastScope scope, string scopeId, ForecastPeriod period, Money amount, string? salesTeam, string setBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(scopeId);
        ArgumentNullException.ThrowIfNull(period);
        if ((scope == ForecastScope.Company) != (scopeId.Length == 0))
        {
            return DomainError.Invalid("scope_id", scope == ForecastScope.Company ? "must be empty for the company's quota" : $"is required for a {scope.ToString().ToLowerInvariant()}'s quota");
        }

        if (Refusal(amount) is { } refused)
        {
            return refused;
        }

        var quota = new Quota
        {
            QuotaId = Guid.CreateVersion7(at),
            Scope = scope,
            ScopeId = scopeId,
            PeriodKind = period.Kind,
            StartsOn = period.StartsOn,
            EndsOn = period.EndsOn,
            SalesTeam = salesTeam,
        };
        quota.Apply(amount, setBy, at);
        return quota;
    }

    /// <summary>Changes the amount (and perhaps the currency) of the quota.</summary>
    public Result Change(Money amount, string setBy, DateTimeOffset at)
    {
        if (Refusal(amount) is { } refused)
        {
            return refused;
        }

        Apply(amount, setBy, at);
        return Result.Done;
    }

    private static DomainError? Refusal(Money amount) =>
        amount.Amount is <= 0 or > Largest
            ? DomainError.Invalid("amount", $"must be more than 0 and at most {Largest:#,0}")
            : null;

    private void Apply(Money amount, string setBy, DateTimeOffset at)
    {
        (Amount, Currency, SetBy) = (amount.Amount, amount.Currency, setBy);
        Version++;
        Raise(new QuotaSet(Guid.CreateVersion7(at), at, QuotaId, Version, Period, Scope, ScopeId, amount, SalesTeam, setBy));
    }
}
