using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.SalesHistory;
using Wire = Crm.Opportunities.Grpc.V1;

namespace CrmPlatform.AppHost.Demo;

/// <summary>
/// The demo company's two years of sales: a generated history (<see cref="SalesHistoryGenerator"/>, with its known
/// truth) for the demo's four teams, each generated rep played by one of the demo's people, brought in as deals of the
/// past (ImportDealHistory) over a handful of customer accounts, so that the reports, the flow forecast and its
/// accuracy have something to show.
/// </summary>
internal static class DemoHistory
{
    /// <summary>The teams in the generator's order, and who plays its reps (two per team).</summary>
    public static readonly (string Team, string[] Reps)[] SalesForce =
    [
        ("north", ["otto", "irene"]),
        ("south", ["olivia", "ivan"]),
        ("east", ["erik", "elena"]),
        ("metro", ["mia", "ed"]),
    ];

    /// <summary>The customers the history's deals are spread over.</summary>
    public static readonly string[] Accounts =
    [
        "Brightwater Foods", "Calder Metalworks", "Dunmore Packaging", "Eastgate Plastics", "Fairhaven Dairy",
        "Greystone Textiles", "Holloway Chemicals", "Ironbridge Motors", "Juniper Glassworks", "Kestrel Paper Mills",
    ];

    /// <summary>About how many deals the two years hold.</summary>
    public const int Deals = 1_200;

    /// <summary>The deals of the two years up to yesterday, each as ImportDealHistory takes it.</summary>
    public static IEnumerable<Wire.HistoricDeal> Generate(DateOnly today, IReadOnlyList<string> customerIds)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var settings = new SalesHistorySettings(SalesForce.Length, 2, Deals, today.AddYears(-2), today.AddDays(-1), Seed: 7);
        var customers = new Dictionary<Guid, string>();
        foreach (var deal in SalesHistoryGenerator.Deals(settings))
        {
            var rep = int.Parse(deal.Rep.UserId["rep-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
            var (team, reps) = SalesForce[rep / 2];
            var opened = deal.Events.OfType<OpportunityOpened>().Single();
            if (!customers.TryGetValue(opened.CustomerId, out var customerId))
            {
                customerId = customerIds[customers.Count % customerIds.Count];
                customers[opened.CustomerId] = customerId;
            }

            if (Historic(deal, customerId, reps[rep % 2], team) is { Steps.Count: <= 100 } historic)
            {
                yield return historic;
            }
        }
    }

    private static Wire.HistoricDeal Historic(GeneratedDeal deal, string customerId, string owner, string team)
    {
        var historic = new Wire.HistoricDeal { ImportKey = $"demo-history-{deal.OpportunityId}", CustomerId = customerId, OwnerId = owner, SalesTeam = team };
        foreach (var change in deal.Events)
        {
            var on = DateConversions.ToDate(DateOnly.FromDateTime(change.OccurredAt.UtcDateTime));
            switch (change)
            {
                case OpportunityOpened opened:
                    (historic.Name, historic.OpenedOn, historic.CloseDate) = (opened.Name, on, DateConversions.ToDate(opened.ExpectedCloseOn));
                    historic.Amount = MoneyConversions.ToMoney(opened.Amount.Amount, opened.Amount.Currency);
                    break;
                case OpportunityStageChanged moved:
                    historic.Steps.Add(new Wire.HistoricStep { On = on, Stage = Stage(moved.Stage) });
                    break;
                case ForecastUpdated forecast:
                    historic.Steps.Add(new Wire.HistoricStep { On = on, CloseDate = DateConversions.ToDate(forecast.ExpectedCloseOn), ForecastCategory = Category(forecast.Category) });
                    break;
                case OpportunityWon won:
                    historic.WonOn = DateConversions.ToDate(won.WonOn);
                    break;
                case OpportunityLost lost:
                    (historic.LostOn, historic.LossReason) = (on, lost.Reason);
                    break;
            }
        }

        return historic;
    }

    private static Wire.Stage Stage(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Proposal => Wire.Stage.Proposal,
        OpportunityStage.Negotiation => Wire.Stage.Negotiation,
        OpportunityStage.HandlingObjections => Wire.Stage.HandlingObjections,
        OpportunityStage.Closing => Wire.Stage.Closing,
        _ => Wire.Stage.Qualification,
    };

    private static Wire.ForecastCategory Category(ForecastCategory category) => category switch
    {
        ForecastCategory.BestCase => Wire.ForecastCategory.BestCase,
        ForecastCategory.Commit => Wire.ForecastCategory.Commit,
        ForecastCategory.Omitted => Wire.ForecastCategory.Omitted,
        _ => Wire.ForecastCategory.Pipeline,
    };
}
