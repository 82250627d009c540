using Crm.Api;
using Crm.Opportunities.Domain;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Reads the deals of an ImportDealHistory request, each field checked where the wire can say what is wrong
/// (the order of the days is the domain's rule: <see cref="Opportunity.Replay"/>).</summary>
internal static class HistoricDealReading
{
    /// <summary>The longest import key: ids of other systems, not text.</summary>
    public const int LongestImportKey = 200;

    /// <summary>The deal, or null after recording the first problem in <paramref name="check"/>, each field named
    /// under <paramref name="at"/> (<c>deals[3]</c>).</summary>
    public static HistoricDeal? Read(Wire.HistoricDeal deal, string at, RequestCheck check)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(check);
        var key = check.Text(deal.ImportKey, $"{at}.import_key", LongestImportKey);
        var customerId = check.Id(deal.CustomerId, $"{at}.customer_id");
        var name = check.Text(deal.Name, $"{at}.name");
        var owner = check.Text(deal.OwnerId, $"{at}.owner_id");
        var team = check.OptionalText(deal.SalesTeam, $"{at}.sales_team");
        var amount = check.Money(deal.Amount, $"{at}.amount", required: true);
        if (amount is { Amount: < 0 })
        {
            check.Fail($"{at}.amount", "must not be negative");
        }

        var openedOn = check.Date(deal.OpenedOn, $"{at}.opened_on", required: true);
        var closeDate = check.Date(deal.CloseDate, $"{at}.close_date", required: true);
        var steps = deal.Steps.Select((s, i) => Step(s, $"{at}.steps[{i}]", check)).ToList();
        var wonOn = check.Date(deal.WonOn, $"{at}.won_on", required: false);
        var lostOn = check.Date(deal.LostOn, $"{at}.lost_on", required: false);
        var reason = check.OptionalText(deal.LossReason, $"{at}.loss_reason");
        return check.Failure is null
            ? new HistoricDeal(key, customerId, name, owner, team, amount!, openedOn!.Value, closeDate!.Value, [.. steps.OfType<HistoricStep>()], wonOn, lostOn, reason)
            : null;
    }

    private static HistoricStep? Step(Wire.HistoricStep step, string at, RequestCheck check)
    {
        var on = check.Date(step.On, $"{at}.on", required: true);
        var stage = WireEnums.ToStage(step.Stage);
        if (step.Stage != Wire.Stage.Unspecified && stage is null or Crm.Contracts.Opportunities.OpportunityStage.Won or Crm.Contracts.Opportunities.OpportunityStage.Lost)
        {
            check.Fail($"{at}.stage", "must be an open stage (the deal's won_on or lost_on says how it ended), or left out to keep it");
        }

        var category = WireEnums.ToCategory(step.ForecastCategory);
        if (step.ForecastCategory != Wire.ForecastCategory.Unspecified && category is null or Crm.Contracts.Opportunities.ForecastCategory.Closed)
        {
            check.Fail($"{at}.forecast_category", "must be PIPELINE, BEST_CASE, COMMIT or OMITTED (CLOSED comes with won_on), or left out to keep it");
        }

        var closeDate = check.Date(step.CloseDate, $"{at}.close_date", required: false);
        return on is { } day ? new HistoricStep(day, stage, closeDate, category) : null;
    }
}
