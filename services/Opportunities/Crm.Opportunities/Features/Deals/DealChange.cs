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

    public static (DealChange Change, Status Status) Read(Wire.UpdateDealRequest request)
    {
        var (opportunityId, status) = IdConversions.Read(request.OpportunityId, "opportunity_id");
        var (amount, currency, amountStatus) = MoneyConversions.Read(request.Amount, "amount", required: false);
        var (closeDate, dateStatus) = DateConversions.Read(request.CloseDate, "close_date", required: false);
        var (lines, linesStatus) = DealLines.Read(request.Lines, "lines");
        var failed = new[] { status, amountStatus, dateStatus, linesStatus }.FirstOrDefault(s => !s.IsOk);
        if (!failed.IsOk)
        {
            return (null!, failed);
        }

        if (request.Amount is not null && amount < 0)
        {
            return (null!, Status.InvalidArgument("amount", "must not be negative"));
        }

        if (request.HasProbability && request.Probability is < KeepProbability or > 100)
        {
            return (null!, Status.InvalidArgument("probability", "must be 0..100, or left out to keep the current one"));
        }

        var money = request.Amount is null ? null : new Money(currency, amount);
        if (money is not null && lines.Count > 0 && lines[0].UnitPrice.Currency != money.Currency)
        {
            return (null!, Status.InvalidArgument("amount.currency_code", $"must be {lines[0].UnitPrice.Currency}, the currency of the lines"));
        }

        int? probability = !request.HasProbability || request.Probability == KeepProbability ? null : request.Probability;
        return (new DealChange(opportunityId, new DealRevision(money, closeDate, lines, probability, WireEnums.ToCategory(request.ForecastCategory))), Status.Ok);
    }
}
