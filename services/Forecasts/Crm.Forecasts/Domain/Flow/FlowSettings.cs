namespace Crm.Forecasts.Domain.Flow;

/// <summary>How strongly a rep's flow leans on their team's, and a team's on the company's.</summary>
/// <param name="PriorExits">A rep's deals scale their team's rates by what they did against what the team's rates
/// expected, as if this many more exits had gone as expected (see <see cref="FlowRates.Learn"/>).</param>
internal sealed record FlowSettings(double PriorExits = 5)
{
    public static FlowSettings Default { get; } = new();
}
