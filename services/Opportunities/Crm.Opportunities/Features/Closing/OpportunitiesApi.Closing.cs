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
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var lines = DealLines.Read(request.Lines, "lines", check);
        var shipTo = check.Address(request.ShipTo, "ship_to", complete: true);
        var purchaseOrderNumber = check.OptionalText(request.PurchaseOrderNumber, "purchase_order_number", TextLimits.Reference);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        // Without an address in the request the order ships to the account's, so orders never asks again; the account
        // also says whether the customer is on credit hold.
        var by = Caller.Of(context);
        var now = Now;
        var changed = await ChangeOpportunityAsync(
            opportunityId,
            request.ExpectedVersion,
            async (opportunity, token) =>
            {
                var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.CustomerId == opportunity.CustomerId, token);
                return opportunity.Win(lines, shipTo ?? account.Address, purchaseOrderNumber, account.CreditHoldReason, by, now);
            },
            context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
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

        var now = Now;
        var changed = await ChangeOpportunityAsync(opportunityId, request.ExpectedVersion, opportunity => opportunity.Lose(reason, Caller.Of(context), now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }
}
