using Crm.Opportunities.Data;
using Crm.Messaging.Data;
using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Deals: read and list opportunities, move them through the stages, set what, when, how much and how likely.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Opportunity> GetOpportunity(Wire.GetOpportunityRequest request, ServerCallContext context) => GetOpportunityAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> GetOpportunityAsync(Wire.GetOpportunityRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var opportunity = await db.Opportunities.AsNoTracking().Whole()
            .FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, context.CancellationToken);
        if (opportunity is null)
        {
            return Status.NotFound($"opportunity {opportunityId} does not exist");
        }

        return opportunity.WithinReachOf(CallerReach.Of(context)).Error is { } outOfReach ? outOfReach : opportunity.ToWire();
    }

    public override Task<Wire.ListOpportunitiesResponse> ListOpportunities(Wire.ListOpportunitiesRequest request, ServerCallContext context) => ListOpportunitiesAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.ListOpportunitiesResponse>> ListOpportunitiesAsync(Wire.ListOpportunitiesRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.OptionalId(request.CustomerId, "customer_id");
        var ownerId = check.OptionalText(request.OwnerId, "owner_id");
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var query = db.Opportunities.AsNoTracking().Whole().AsQueryable();
        if (customerId is { } customer)
        {
            query = query.Where(o => o.CustomerId == customer);
        }

        if (ownerId is not null)
        {
            query = query.Where(o => o.OwnerId == ownerId);
        }

        // A rep and a team's manager list only the deals they work: their team's (a manager's, those of the teams below
        // too), their own and those whose team they are on.
        if (CallerReach.Of(context) is { Everything: false } reach)
        {
            var (teams, owner) = (reach.Teams.ToArray(), reach.Owner);
            query = query.Where(o => (o.SalesTeam != null && teams.Contains(o.SalesTeam))
                || (owner != null && (o.OwnerId == owner || o.TeamMembers.Any(m => m.MemberId == owner))));
        }

        if (request.OpenOnly)
        {
            query = query.Where(o => o.Stage != OpportunityStage.Won && o.Stage != OpportunityStage.Lost);
        }

        var (page, next) = await query.PageAsync(o => o.Position, before, size, o => o.ToWire(), context.CancellationToken);
        return new Wire.ListOpportunitiesResponse { Opportunities = { page }, NextPageToken = next };
    }

    public override Task<Wire.Opportunity> ChangeStage(Wire.ChangeStageRequest request, ServerCallContext context) => ChangeStageAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> ChangeStageAsync(Wire.ChangeStageRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var stage = WireEnums.ToStage(request.Stage);
        if (stage is null)
        {
            check.Fail("stage", "is required");
        }

        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var by = Caller.Of(context);
        var now = Now;
        var changed = await ChangeOpportunityAsync(opportunityId, request.ExpectedVersion, opportunity => opportunity.MoveTo(stage!.Value, by, now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }

    public override Task<Wire.Opportunity> UpdateDeal(Wire.UpdateDealRequest request, ServerCallContext context) => UpdateDealAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> UpdateDealAsync(Wire.UpdateDealRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        if (DealChange.Read(request, check) is not { } change)
        {
            return check.Failure!.Value;
        }

        var (by, now) = (Caller.Of(context), Now);
        var changed = await ChangeOpportunityAsync(change.OpportunityId, request.ExpectedVersion, opportunity => opportunity.Revise(change.Revision, by, now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }

    public override Task<Wire.Opportunity> JudgeForecast(Wire.JudgeForecastRequest request, ServerCallContext context) => JudgeForecastAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> JudgeForecastAsync(Wire.JudgeForecastRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var category = WireEnums.ToCategory(request.ManagerCategory);
        if (category is null)
        {
            check.Fail("manager_category", "is required: PIPELINE, BEST_CASE, COMMIT or OMITTED");
        }

        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var (by, now) = (Caller.Of(context), Now);
        var changed = await ChangeOpportunityAsync(opportunityId, request.ExpectedVersion, opportunity => opportunity.Judge(category!.Value, by, now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }
}
