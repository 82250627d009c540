using Crm.Contracts.Opportunities;

namespace Crm.Forecasts.Domain;

/// <summary>
/// One opportunity as Sales Management forecasts it, built only from the opportunity's events. A field is null until an
/// event has told it.
/// </summary>
internal sealed class ForecastEntry
{
    public Guid OpportunityId { get; init; }

    public Guid CustomerId { get; set; }

    public string? OwnerId { get; set; }

    /// <summary>The sales team that works the deal (set when it opens), for who sees it in reports.</summary>
    public string? SalesTeam { get; set; }

    public OpportunityStage? Stage { get; set; }

    public int? Probability { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    /// <summary>How the owner calls the deal in the forecast; closed once won, omitted once lost.</summary>
    public ForecastCategory? Category { get; set; }

    /// <summary>A sales manager's own judgement of the category, beside the owner's; null while none judged.</summary>
    public ForecastCategory? ManagerCategory { get; set; }

    /// <summary>When the deal is expected to close, while it is open.</summary>
    public DateOnly? CloseOn { get; set; }

    /// <summary>When it was won or lost.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The version of the newest event applied.</summary>
    public long Version { get; set; }

    /// <summary>The version of the event that told <see cref="OwnerId"/>; each fact keeps its own (see <see cref="Apply"/>).</summary>
    public long OwnerVersion { get; set; }

    public long StageVersion { get; set; }

    public long ProbabilityVersion { get; set; }

    /// <summary>The version of the event that told <see cref="Amount"/> and <see cref="Currency"/>.</summary>
    public long AmountVersion { get; set; }

    public long CloseOnVersion { get; set; }

    public long ClosedOnVersion { get; set; }

    public long CategoryVersion { get; set; }

    public long ManagerCategoryVersion { get; set; }

    public bool IsOpen => Stage is not null and not (OpportunityStage.Won or OpportunityStage.Lost);

    /// <summary>
    /// Applies what an event of <paramref name="version"/> says. Each fact takes the value of the newest event that told
    /// it: an event states the facts it carries as they stood at its version, and a later event that does not carry a
    /// fact did not change it. So whatever the order of arrival (a close date revised at version 2 arriving after a stage
    /// change at version 3), and however often an event is repeated, the entry ends equal to the deal's latest state.
    /// </summary>
    public void Apply(long version, ForecastFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (CustomerId == Guid.Empty)
        {
            CustomerId = facts.CustomerId;
        }

        // A deal's team is told once, when it opens, and never changes.
        SalesTeam ??= facts.SalesTeam;

        if (facts.OwnerId is { } owner && version > OwnerVersion)
        {
            (OwnerId, OwnerVersion) = (owner, version);
        }

        if (facts.Stage is { } stage && version > StageVersion)
        {
            (Stage, StageVersion) = (stage, version);
        }

        if (facts.Probability is { } probability && version > ProbabilityVersion)
        {
            (Probability, ProbabilityVersion) = (probability, version);
        }

        if (facts.Amount is { } money && version > AmountVersion)
        {
            (Amount, Currency, AmountVersion) = (money.Amount, money.Currency, version);
        }

        if (facts.CloseOn is { } closeOn && version > CloseOnVersion)
        {
            (CloseOn, CloseOnVersion) = (closeOn, version);
        }

        if (facts.ClosedOn is { } closedOn && version > ClosedOnVersion)
        {
            (ClosedOn, ClosedOnVersion) = (closedOn, version);
        }

        if (facts.Category is { } category && version > CategoryVersion)
        {
            (Category, CategoryVersion) = (category, version);
        }

        if (facts.ManagerCategory is { } judged && version > ManagerCategoryVersion)
        {
            (ManagerCategory, ManagerCategoryVersion) = (judged, version);
        }

        Version = Math.Max(Version, version);
    }
}
