using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Team selling: the owner or a sales manager who works the deal puts members on its team, in a role, and takes them off.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Opportunity> SetDealTeamMember(Wire.SetDealTeamMemberRequest request, ServerCallContext context) => SetDealTeamMemberAsync(request, context).Answer();

    public override Task<Wire.Opportunity> RemoveDealTeamMember(Wire.RemoveDealTeamMemberRequest request, ServerCallContext context) => RemoveDealTeamMemberAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Opportunity>> SetDealTeamMemberAsync(Wire.SetDealTeamMemberRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var memberId = check.Text(request.MemberId, "member_id");
        if (request.Role == Wire.DealRole.Unspecified || !Enum.IsDefined(request.Role))
        {
            check.Fail("role", "is required: INSIDE_SALES, SALES_ENGINEER, PARTNER or MANAGER");
        }

        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var (by, byManager, now) = (Caller.Of(context), context.GetHttpContext().User.IsInRole(CrmRoles.SalesManager), Now);
        var role = EnumNames.Convert<Wire.DealRole, DealRole>(request.Role);
        var changed = await ChangeOpportunityAsync(opportunityId, request.ExpectedVersion, o => o.SetTeamMember(memberId, role, by, byManager, now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }

    private async Task<GrpcResult<Wire.Opportunity>> RemoveDealTeamMemberAsync(Wire.RemoveDealTeamMemberRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var opportunityId = check.Id(request.OpportunityId, "opportunity_id");
        var memberId = check.Text(request.MemberId, "member_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var (by, byManager, now) = (Caller.Of(context), context.GetHttpContext().User.IsInRole(CrmRoles.SalesManager), Now);
        var changed = await ChangeOpportunityAsync(opportunityId, request.ExpectedVersion, o => o.RemoveTeamMember(memberId, by, byManager, now), context);
        return changed.ToResponse(opportunity => opportunity.ToWire());
    }
}
