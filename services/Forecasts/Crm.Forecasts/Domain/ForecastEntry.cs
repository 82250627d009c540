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

    public OpportunityStage? Stage { get; set; }

    public int? Probability { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    /// <summary>When the deal is expected to close, while it is open.</summary>
    public DateOnly? CloseOn { get; set; }

    /// <summary>When it was won or lost.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The version of the newest event applied.</summary>
    public long Version { get; set; }

    public bool IsOpen => Stage is not null and not (OpportunityStage.Won or OpportunityStage.Lost);

    /// <summary>
    /// Applies what an event of <paramref name="version"/> says. A newer event overwrites every fact it carries; an older
    /// one (arriving late) only fills facts nothing newer has told yet, such as the owner and amount an OpportunityOpened
    /// carries when a later stage change came first. Repeated and out-of-order events so end in the latest state.
    /// </summary>
    public void Apply(long version, ForecastFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var newer = version > Version;
        CustomerId = CustomerId == Guid.Empty || newer ? facts.CustomerId : CustomerId;
        OwnerId = Pick(OwnerId, facts.OwnerId, newer);
        Stage = Pick(Stage, facts.Stage, newer);
        Probability = Pick(Probability, facts.Probability, newer);
        if (facts.Amount is { } money && (newer || Amount is null))
        {
            Amount = money.Amount;
            Currency = money.Currency;
        }

        CloseOn = Pick(CloseOn, facts.CloseOn, newer);
        ClosedOn = Pick(ClosedOn, facts.ClosedOn, newer);
        Version = Math.Max(Version, version);
    }

    private static T? Pick<T>(T? current, T? told, bool newer)
        where T : struct =>
        told is not null && (newer || current is null) ? told : current;

    private static string? Pick(string? current, string? told, bool newer) =>
        told is not null && (newer || current is null) ? told : current;
}
