namespace Crm.Leads.Domain;

/// <summary>
/// What a source or a campaign brought in a period against what it cost, in one currency: amounts in another currency
/// are counted apart (<see cref="InOtherCurrencies"/>), never converted at a rate nobody agreed on.
/// </summary>
/// <param name="Leads">Leads captured in the period.</param>
/// <param name="Qualified">Of those, how many were ever qualified.</param>
/// <param name="Converted">Of those, how many were converted into an opportunity.</param>
/// <param name="WonDeals">Of those, how many became a won deal (in the report's currency).</param>
/// <param name="WonRevenue">What those deals brought.</param>
/// <param name="Cost">The costs recorded in the period.</param>
/// <param name="InOtherCurrencies">Won deals and costs in another currency, left out of the sums.</param>
public sealed record ReturnFigures(long Leads, long Qualified, long Converted, long WonDeals, decimal WonRevenue, decimal Cost, long InOtherCurrencies)
{
    public static readonly ReturnFigures None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Cost over leads, rounded to the cent; null without leads.</summary>
    public decimal? CostPerLead => Leads == 0 ? null : Math.Round(Cost / Leads, 2, MidpointRounding.AwayFromZero);

    /// <summary>The share of leads that became won deals, from 0 to 1.</summary>
    public double CloseRatio => Leads == 0 ? 0 : (double)WonDeals / Leads;

    /// <summary>What was won beyond the cost, per unit of cost; null when nothing was spent.</summary>
    public double? Roi => Cost == 0 ? null : (double)((WonRevenue - Cost) / Cost);

    public static ReturnFigures Spent(decimal cost) => None with { Cost = cost };

    public static ReturnFigures SpentInOtherCurrency(long costs) => None with { InOtherCurrencies = costs };

    public ReturnFigures Plus(ReturnFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ReturnFigures(
            Leads + other.Leads,
            Qualified + other.Qualified,
            Converted + other.Converted,
            WonDeals + other.WonDeals,
            WonRevenue + other.WonRevenue,
            Cost + other.Cost,
            InOtherCurrencies + other.InOtherCurrencies);
    }
}
