using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using Lead = Crm.Leads.Grpc.V1.Lead;

namespace Crm.Leads.Features;

/// <summary>Reading leads: one by id, or pages of them filtered by status and campaign.</summary>
public sealed partial class LeadsApi
{
    public override Task<Lead> GetLead(GetLeadRequest request, ServerCallContext context) => GetLeadAsync(request, context).Answer();

    private async Task<GrpcResult<Lead>> GetLeadAsync(GetLeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var leadId = check.Id(request.LeadId, "lead_id");
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var lead = await _db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.LeadId == leadId, context.CancellationToken);
        if (lead is null)
        {
            return Status.NotFound($"lead_id: lead {leadId} does not exist");
        }

        return lead.WithinReachOf(CallerReach.Of(context)).Error is { } outOfReach ? outOfReach : lead.ToMessage();
    }

    public override Task<ListLeadsResponse> ListLeads(ListLeadsRequest request, ServerCallContext context) => ListLeadsAsync(request, context).Answer();

    private async Task<GrpcResult<ListLeadsResponse>> ListLeadsAsync(ListLeadsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        var status = check.Known(request.Status, "status", required: false);
        var campaignId = check.OptionalId(request.CampaignId, "campaign_id");
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var query = _db.Leads.AsNoTracking();
        if (status != LeadStatus.Unspecified)
        {
            var wanted = WireMapping.ToDomain(status);
            query = query.Where(l => l.Status == wanted);
        }

        if (campaignId is { } campaign)
        {
            query = query.Where(l => l.CampaignId == campaign);
        }

        // A team's reps and manager list the pool and their team's leads (a manager's, those of the teams below too).
        if (CallerReach.Of(context) is { Everything: false } reach)
        {
            string[] teams = [.. reach.Teams];
            query = query.Where(l => l.SalesTeam == null || teams.Contains(l.SalesTeam));
        }

        var (page, next) = await query.PageAsync(l => l.Position, before, size, l => l.ToMessage(), context.CancellationToken);
        return new ListLeadsResponse { Leads = { page }, NextPageToken = next };
    }
}
