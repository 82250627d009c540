using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CallTask = Crm.Leads.Grpc.V1.CallTask;

namespace Crm.Leads.Features;

/// <summary>What cadences did to a lead (its touches), and the calls they ask of Inside Sales.</summary>
public sealed partial class LeadsApi
{
    /// <summary>A lead's touches come back whole: a cadence has at most 20 steps, so this is ten cadences' worth.</summary>
    private const int MostTouchesListed = 200;

    public override Task<ListTouchesResponse> ListTouches(ListTouchesRequest request, ServerCallContext context) => ListTouchesAsync(request, context).Answer();

    public override Task<ListCallTasksResponse> ListCallTasks(ListCallTasksRequest request, ServerCallContext context) => ListCallTasksAsync(request, context).Answer();

    public override Task<CallTask> CompleteCallTask(CompleteCallTaskRequest request, ServerCallContext context) => CompleteCallTaskAsync(request, context).Answer();

    private async Task<GrpcResult<ListTouchesResponse>> ListTouchesAsync(ListTouchesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (leadId, status) = IdConversions.Read(request.LeadId, "lead_id");
        if (!status.IsOk)
        {
            return status;
        }

        var lead = await _db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.LeadId == leadId, context.CancellationToken);
        if (lead is null)
        {
            return Status.NotFound($"lead_id: lead {leadId} does not exist");
        }

        if (lead.WithinReachOf(CallerReach.Of(context)).Error is { } outOfReach)
        {
            return outOfReach;
        }

        var touches = await _db.Touches.AsNoTracking().Where(t => t.LeadId == leadId)
            .OrderByDescending(t => t.SentAt).Take(MostTouchesListed).ToListAsync(context.CancellationToken);
        return new ListTouchesResponse { Touches = { touches.OrderBy(t => t.SentAt).Select(t => t.ToMessage()) } };
    }

    private async Task<GrpcResult<ListCallTasksResponse>> ListCallTasksAsync(ListCallTasksRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        // Open tasks of the pool's leads and of the leads of the caller's team, newest first, with whom to call.
        var reach = CallerReach.Of(context);
        string[] teams = [.. reach.Teams];
        var open = _db.CallTasks.AsNoTracking().Where(t => t.DoneAt == null);
        if (!reach.Everything)
        {
            open = open.Where(t => _db.Leads.Any(l => l.LeadId == t.LeadId && (l.SalesTeam == null || teams.Contains(l.SalesTeam))));
        }

        if (before is { } below)
        {
            open = open.Where(t => t.Position < below);
        }

        var fetched = await open.OrderByDescending(t => t.Position).Take(size + 1).ToListAsync(context.CancellationToken);
        var leadIds = fetched.Select(t => t.LeadId).Distinct().ToList();
        var leads = await _db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.LeadId)).ToDictionaryAsync(l => l.LeadId, context.CancellationToken);
        var (page, next) = Paging.Cut(fetched, size, t => t.Position, t => t.ToMessage(leads[t.LeadId]));
        return new ListCallTasksResponse { Tasks = { page }, NextPageToken = next };
    }

    private async Task<GrpcResult<CallTask>> CompleteCallTaskAsync(CompleteCallTaskRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var taskId = check.Id(request.TaskId, "task_id");
        var outcome = check.Text(request.Outcome, "outcome", TextLimits.Note / 2);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var task = await _db.CallTasks.SingleOrDefaultAsync(t => t.TaskId == taskId, context.CancellationToken);
        if (task is null)
        {
            return Status.NotFound($"task_id: call task {taskId} does not exist");
        }

        var lead = await _db.Leads.SingleAsync(l => l.LeadId == task.LeadId, context.CancellationToken);
        if (lead.WithinReachOf(CallerReach.Of(context)).Error is { } outOfReach)
        {
            return outOfReach;
        }

        var now = Now();
        if (task.Complete(outcome, Caller.Of(context), now).Error is { } refused)
        {
            return refused;
        }

        // The lead answered: engagement, which its score counts.
        lead.RecordCallAnswered(now);
        try
        {
            await _db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Status(StatusCode.Aborted, $"task_id: lead {lead.LeadId} changed meanwhile (a cadence touched it); complete the task again");
        }

        return task.ToMessage(lead);
    }
}
