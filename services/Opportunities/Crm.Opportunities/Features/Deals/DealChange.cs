using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>An UpdateDeal request, read and validated: the deal and its revision (a part left out keeps its value).</summary>
internal sealed record DealChange(Guid OpportunityId, DealRevision Revision)
{
    /// <summary>The probability value that keeps the current one for clients from before the field had presence.</summary>
    public const int KeepProbability = -1;

    /// <summary>The change, or null after recording the first problem in <paramref name="check"/>.</summary>
    public static DealChange? Read(Wire.UpdateDealRequest request, RequestCheck check)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(check);
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var money = check.Money(request.Amount, "amount", required: false);
        var closeDate = check.Date(request.CloseDate, "close_date", required: false);
        var lines = DealLines.Read(request.Lines, "lines", check);
        if (money is { Amount: < 0 })
        {
            check.Fail("amount", "must not be negative");
        }

        if (request.HasProbability && request.Probability is < KeepProbability or > 100)
        {
            check.Fail("probability", "must be 0..100, or left out to keep the current one");
        }

        if (money is not null && lines.Count > 0 && lines[0].UnitPrice.Currency != money.Currency)
        {
            check.Fail("amount.currency_code", $"must be {lines[0].UnitPrice.Currency}, the currency of the lines");
        }

        if (check.Failure is not null)
        {
            return null;
        }

        int? probability = !request.HasProbability || request.Probability == KeepProbability ? null : request.Probability;
        return new DealChange(opportunityId, new DealRevision(money, closeDate, lines, probability, WireEnums.ToCategory(request.ForecastCategory)));
    }
}
