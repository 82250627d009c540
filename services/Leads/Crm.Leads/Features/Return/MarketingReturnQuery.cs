using Crm.Leads.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Return;

/// <summary>
/// Reads the return on marketing for a period: two aggregates in the database (leads by source and campaign, costs by
/// campaign and currency), so the work here is a few rows whatever the number of leads.
/// </summary>
internal static class MarketingReturnQuery
{
    /// <summary>The report for the leads captured and the costs recorded from <paramref name="from"/> to
    /// <paramref name="to"/> (days in UTC, both included), its sums in <paramref name="currency"/>.</summary>
    public static async Task<MarketingReturnReport> RunAsync(this LeadsDbContext db, DateOnly from, DateOnly to, string currency, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var leads = await db.Leads.AsNoTracking()
            .Where(l => l.CapturedAt >= start && l.CapturedAt < end)
            .GroupBy(l => new { l.Source, l.CampaignId })
            .Select(g => new LeadTally(
                g.Key.Source,
                g.Key.CampaignId,
                g.Count(),
                g.Count(l => l.QualifiedAt != null),
                g.Count(l => l.ConvertedAt != null),
                g.Count(l => l.WonCurrency == currency),
                g.Sum(l => l.WonCurrency == currency ? l.WonAmount!.Value : 0m),
                g.Count(l => l.WonCurrency != null && l.WonCurrency != currency)))
            .ToListAsync(cancellationToken);
        var costs = await db.CampaignCosts.AsNoTracking()
            .Where(c => c.IncurredOn >= from && c.IncurredOn <= to)
            .GroupBy(c => new { c.CampaignId, c.Currency })
            .Select(g => new CostTally(g.Key.CampaignId, g.Key.Currency, g.Sum(c => c.Amount), g.Count()))
            .ToListAsync(cancellationToken);

        var campaignIds = leads.Where(l => l.CampaignId is not null).Select(l => l.CampaignId!.Value)
            .Concat(costs.Select(c => c.CampaignId)).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => campaignIds.Contains(c.CampaignId))
            .ToDictionaryAsync(c => c.CampaignId, cancellationToken);
        return MarketingReturnReport.From(leads, costs, campaigns, currency);
    }
}
