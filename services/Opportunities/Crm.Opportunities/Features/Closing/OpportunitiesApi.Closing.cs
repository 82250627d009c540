using Crm.Api;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Closing: a deal is won with its final lines (orders books from the event alone) or lost with a reason.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Opportunity> WinOpportunity(Wire.WinOpportunityRequest request, ServerCallContext context) => WinOpportunityAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> WinOpportunityAsync(Wire.WinOpportunityRequest request, ServerCallContext context)
    {
        var (opportunityId, status) = IdConversions.Read(request.OpportunityId, "opportunity_id");
        var (lines, linesStatus) = DealLines.Read(request.Lines, "lines");
        var (shipTo, shipToStatus) = ShipToAddress.Read(request.ShipTo, "ship_to");
        var failed = new[] { status, linesStatus, shipToStatus }.FirstOrDefault(s => !s.IsOk);
        if (!failed.IsOk)
        {
            return failed;
        }

        if (lines.Count == 0)
        {
            return Status.InvalidArgument("lines", "are required: the order is booked from them");
        }

        var check = new RequestCheck();
        var purchaseOrderNumber = check.OptionalText(request.PurchaseOrderNumber, "purchase_order_number", TextLimits.Reference);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (opportunity, found) = await OpenOpportunityAsync(opportunityId, request.ExpectedVersion, context.CancellationToken);
        if (opportunity is null)
        {
            return found;
        }

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.CustomerId == opportunity.CustomerId, context.CancellationToken);
        var total = DealLines.Total(lines);
        var now = Now;
        opportunity.ReplaceLines(lines);
        opportunity.Stage = OpportunityStage.Won;
        opportunity.Probability = StageProbability.Default(OpportunityStage.Won);
        opportunity.Amount = total.Amount;
        opportunity.Currency = total.Currency;
        opportunity.ClosedAt = now;
        opportunity.PurchaseOrderNumber = purchaseOrderNumber;
        opportunity.Version++;
        db.Publish(new OpportunityWon(
            Guid.NewGuid(), now, opportunity.CustomerId, opportunity.OpportunityId, opportunity.Version, opportunity.OwnerId,
            lines, total, DateOnly.FromDateTime(now.UtcDateTime), shipTo ?? ShipToAddress.Of(account), opportunity.PurchaseOrderNumber));
        var saved = await SaveAsync($"opportunity {opportunityId}", context.CancellationToken);
        return saved.IsOk ? opportunity.ToWire() : saved;
    }

    public override Task<Wire.Opportunity> LoseOpportunity(Wire.LoseOpportunityRequest request, ServerCallContext context) => LoseOpportunityAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> LoseOpportunityAsync(Wire.LoseOpportunityRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var reason = check.Text(request.Reason, "reason", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (opportunity, found) = await OpenOpportunityAsync(opportunityId, request.ExpectedVersion, context.CancellationToken);
        if (opportunity is null)
        {
            return found;
        }

        var now = Now;
        var lastStage = opportunity.Stage;
        opportunity.Stage = OpportunityStage.Lost;
        opportunity.Probability = StageProbability.Default(OpportunityStage.Lost);
        opportunity.LossReason = reason;
        opportunity.ClosedAt = now;
        opportunity.Version++;
        db.Publish(new OpportunityLost(
            Guid.NewGuid(), now, opportunity.CustomerId, opportunity.OpportunityId, opportunity.Version, opportunity.OwnerId,
            lastStage, opportunity.LossReason, null, new Money(opportunity.Currency, opportunity.Amount)));
        var saved = await SaveAsync($"opportunity {opportunityId}", context.CancellationToken);
        return saved.IsOk ? opportunity.ToWire() : saved;
    }
}
