using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Forecasts.Grpc.V1;

namespace Crm.Forecasts.Features;

/// <summary>Pipeline: open deals by stage, with how many, how much and how much weighted by probability.</summary>
internal sealed partial class ForecastsApi
{
    /// <summary>The open stages in their order, with their names in crm.opportunities.v1.Stage.</summary>
    private static readonly (OpportunityStage Stage, string Name)[] OpenStages =
    [
        (OpportunityStage.Qualification, "QUALIFICATION"),
        (OpportunityStage.Proposal, "PROPOSAL"),
        (OpportunityStage.Negotiation, "NEGOTIATION"),
        (OpportunityStage.HandlingObjections, "HANDLING_OBJECTIONS"),
        (OpportunityStage.Closing, "CLOSING"),
    ];

    /// <summary>A stage's name on the wire (QUALIFICATION, PROPOSAL, ..., WON, LOST).</summary>
    private static string WireStage(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Won => "WON",
        OpportunityStage.Lost => "LOST",
        _ => Array.Find(OpenStages, s => s.Stage == stage).Name,
    };

    /// <summary>Where a stage comes in the sales process: the open stages in order, then won, then lost.</summary>
    private static int StageOrder(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Won => OpenStages.Length,
        OpportunityStage.Lost => OpenStages.Length + 1,
        _ => Array.FindIndex(OpenStages, s => s.Stage == stage),
    };

    public override Task<Wire.Pipeline> GetPipeline(Wire.GetPipelineRequest request, ServerCallContext context) => GetPipelineAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Pipeline>> GetPipelineAsync(Wire.GetPipelineRequest request, ServerCallContext context)
    {
        var query = EntriesInReach(context).AsNoTracking()
            .Where(e => e.Stage != null && e.Stage != OpportunityStage.Won && e.Stage != OpportunityStage.Lost);
        if (request.OwnerId.Length > 0)
        {
            query = query.Where(e => e.OwnerId == request.OwnerId);
        }

        var open = await query.ToListAsync(context.CancellationToken);
        var (currency, status) = SummingCurrency.Choose(request.CurrencyCode, open.Select(e => e.Currency));
        if (!status.IsOk)
        {
            return status;
        }

        var pipeline = new Wire.Pipeline
        {
            Total = MoneyConversions.ToMoney(open.Sum(e => SummingCurrency.AmountIn(e, currency)), currency),
            Weighted = MoneyConversions.ToMoney(open.Sum(e => SummingCurrency.WeightedIn(e, currency)), currency),
        };
        foreach (var (stage, name) in OpenStages)
        {
            var inStage = open.Where(e => e.Stage == stage).ToList();
            pipeline.Stages.Add(new Wire.PipelineStage
            {
                Stage = name,
                Count = inStage.Count,
                Total = MoneyConversions.ToMoney(inStage.Sum(e => SummingCurrency.AmountIn(e, currency)), currency),
                Weighted = MoneyConversions.ToMoney(inStage.Sum(e => SummingCurrency.WeightedIn(e, currency)), currency),
            });
        }

        return pipeline;
    }
}
