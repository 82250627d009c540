using Crm.Api;
using Crm.Grpc;
using Figures = Crm.Leads.Domain.ReturnFigures;
using Crm.Leads.Features.Return;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using WireCampaignReturn = Crm.Leads.Grpc.V1.CampaignReturn;
using WireFigures = Crm.Leads.Grpc.V1.ReturnFigures;

namespace Crm.Leads.Features;

/// <summary>Return on marketing: what each source and campaign brought against what it cost (<see cref="MarketingReturnQuery"/>).</summary>
public sealed partial class LeadsApi
{
    /// <summary>A longer period is a question for the data warehouse, not for a live report.</summary>
    private const int LongestReturnPeriodYears = 5;

    public override Task<MarketingReturn> GetMarketingReturn(GetMarketingReturnRequest request, ServerCallContext context) => GetMarketingReturnAsync(request, context).Answer();

    private async Task<GrpcResult<MarketingReturn>> GetMarketingReturnAsync(GetMarketingReturnRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var from = check.Date(request.From, "from", required: true);
        var to = check.Date(request.To, "to", required: true);
        if (!CurrencyCodes.IsKnown(request.CurrencyCode))
        {
            check.Fail("currency_code", $"'{request.CurrencyCode}' is not an ISO 4217 currency code");
        }

        if (to < from)
        {
            check.Fail("to", $"{to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}");
        }
        else if (to > from?.AddYears(LongestReturnPeriodYears))
        {
            check.Fail("to", $"the period is longer than {LongestReturnPeriodYears} years");
        }

        if (check.Failure is { } failure)
        {
            return failure;
        }

        var report = await _db.RunAsync(from!.Value, to!.Value, request.CurrencyCode, context.CancellationToken);
        return ToMessage(report, request);
    }

    private static MarketingReturn ToMessage(MarketingReturnReport report, GetMarketingReturnRequest request)
    {
        var currency = request.CurrencyCode;
        return new MarketingReturn
        {
            From = request.From,
            To = request.To,
            CurrencyCode = currency,
            Sources = { report.Sources.Select(row => new SourceReturn { Source = CommonEnums.ToWire(row.Key), Figures = ToMessage(row.Value, currency) }) },
            Campaigns =
            {
                report.Campaigns.Select(row => new WireCampaignReturn
                {
                    CampaignId = row.Campaign.CampaignId.ToString(),
                    Name = row.Campaign.Name,
                    Source = CommonEnums.ToWire(row.Campaign.Source),
                    Figures = ToMessage(row.Figures, currency),
                }),
            },
            Total = ToMessage(report.Total, currency),
        };
    }

    private static WireFigures ToMessage(Figures figures, string currency)
    {
        var message = new WireFigures
        {
            Leads = figures.Leads,
            Qualified = figures.Qualified,
            Converted = figures.Converted,
            WonDeals = figures.WonDeals,
            WonRevenue = MoneyConversions.ToMoney(figures.WonRevenue, currency),
            Cost = MoneyConversions.ToMoney(figures.Cost, currency),
            CloseRatio = figures.CloseRatio,
            InOtherCurrencies = figures.InOtherCurrencies,
        };
        if (figures.CostPerLead is { } costPerLead)
        {
            message.CostPerLead = MoneyConversions.ToMoney(costPerLead, currency);
        }

        if (figures.Roi is { } roi)
        {
            message.Roi = roi;
        }

        return message;
    }
}
