using Crm.Contracts;
using Crm.Leads.Domain;

namespace Crm.Leads.Features.Return;

/// <summary>
/// The return on each source and campaign for a period. A lead counts for its own source and its campaign; a cost
/// counts for its campaign and the source the campaign's type stands for; the total is every lead and every cost.
/// </summary>
internal sealed record MarketingReturnReport(
    IReadOnlyList<KeyValuePair<LeadSource, ReturnFigures>> Sources,
    IReadOnlyList<CampaignReturn> Campaigns,
    ReturnFigures Total)
{
    /// <summary>Adds up the database's tallies; <paramref name="campaigns"/> holds every campaign they name.</summary>
    public static MarketingReturnReport From(
        IEnumerable<LeadTally> leads, IEnumerable<CostTally> costs, IReadOnlyDictionary<Guid, Campaign> campaigns, string currency)
    {
        var bySource = new SortedDictionary<LeadSource, ReturnFigures>();
        var byCampaign = new Dictionary<Guid, ReturnFigures>();
        foreach (var tally in leads)
        {
            Add(bySource, tally.Source, tally.Figures);
            if (tally.CampaignId is { } campaignId)
            {
                Add(byCampaign, campaignId, tally.Figures);
            }
        }

        foreach (var cost in costs)
        {
            var figures = cost.Currency == currency ? ReturnFigures.Spent(cost.Amount) : ReturnFigures.SpentInOtherCurrency(cost.Costs);
            Add(bySource, campaigns[cost.CampaignId].Source, figures);
            Add(byCampaign, cost.CampaignId, figures);
        }

        var campaignRows = byCampaign
            .Select(row => new CampaignReturn(campaigns[row.Key], row.Value))
            .OrderByDescending(row => row.Figures.WonRevenue)
            .ThenBy(row => row.Campaign.Name, StringComparer.Ordinal)
            .ToList();
        var total = bySource.Values.Aggregate(ReturnFigures.None, (sum, figures) => sum.Plus(figures));
        return new MarketingReturnReport([.. bySource], campaignRows, total);
    }

    private static void Add<TKey>(IDictionary<TKey, ReturnFigures> rows, TKey key, ReturnFigures figures) =>
        rows[key] = rows.TryGetValue(key, out var sum) ? sum.Plus(figures) : figures;
}
