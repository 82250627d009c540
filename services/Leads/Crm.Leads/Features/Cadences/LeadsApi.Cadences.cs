using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Crm.Leads.Domain;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Grpc.V1;
using Crm.Messaging.Commands;
using Crm.Messaging.Data;
using Crm.Domain;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Cadence = Crm.Leads.Grpc.V1.Cadence;
using CadenceStep = Crm.Leads.Domain.CadenceStep;

namespace Crm.Leads.Features;

/// <summary>Drip cadences: started for a segment, run by <see cref="DripSweeper"/>, stopped by a person.</summary>
public sealed partial class LeadsApi
{
    public override Task<Cadence> StartCadence(StartCadenceRequest request, ServerCallContext context) => StartCadenceAsync(request, context).Answer();

    public override Task<Cadence> GetCadence(GetCadenceRequest request, ServerCallContext context) => GetCadenceAsync(request, context).Answer();

    public override Task<ListCadencesResponse> ListCadences(ListCadencesRequest request, ServerCallContext context) => ListCadencesAsync(request, context).Answer();

    public override Task<Cadence> StopCadence(StopCadenceRequest request, ServerCallContext context) => StopCadenceAsync(request, context).Answer();

    private async Task<GrpcResult<Cadence>> StartCadenceAsync(StartCadenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var name = check.Text(request.Name, "name");
        var segmentId = check.Id(request.SegmentId, "segment_id");
        var steps = request.Steps.Select((step, i) => Step(step, $"steps[{i}]", check)).ToList();
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (!await _db.Segments.AnyAsync(s => s.SegmentId == segmentId, context.CancellationToken))
        {
            return Status.NotFound($"segment_id: segment {segmentId} does not exist");
        }

        var started = Domain.Cadence.Start(name, segmentId, steps, Caller.Of(context), Now());
        if (started.Value is not { } cadence)
        {
            return started.Error!.ToStatus();
        }

        // The segment's leads join at the scheduler's next sweep, on whichever replica runs it.
        _db.Cadences.Add(cadence);
        await _db.SaveChangesAsync(context.CancellationToken);
        return cadence.ToMessage(CadenceCounts.None);
    }

    private async Task<GrpcResult<Cadence>> GetCadenceAsync(GetCadenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (cadenceId, status) = IdConversions.Read(request.CadenceId, "cadence_id");
        if (!status.IsOk)
        {
            return status;
        }

        var cadence = await _db.Cadences.AsNoTracking().SingleOrDefaultAsync(c => c.CadenceId == cadenceId, context.CancellationToken);
        return cadence is null ? CadenceNotFound(cadenceId) : cadence.ToMessage(await CountsAsync(cadenceId, context.CancellationToken));
    }

    private async Task<GrpcResult<ListCadencesResponse>> ListCadencesAsync(ListCadencesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (page, next) = await _db.Cadences.AsNoTracking().PageAsync(c => c.Position, before, size, c => c.ToMessage(CadenceCounts.None), context.CancellationToken);
        var all = await CountsAsync([.. page.Select(c => Guid.Parse(c.CadenceId))], context.CancellationToken);
        foreach (var cadence in page)
        {
            var counts = all[Guid.Parse(cadence.CadenceId)];
            (cadence.Enrolled, cadence.Completed, cadence.StoppedForLead, cadence.TouchesSent) = (counts.Enrolled, counts.Completed, counts.StoppedForLead, counts.TouchesSent);
        }

        return new ListCadencesResponse { Cadences = { page }, NextPageToken = next };
    }

    private async Task<GrpcResult<Cadence>> StopCadenceAsync(StopCadenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (cadenceId, status) = IdConversions.Read(request.CadenceId, "cadence_id");
        if (!status.IsOk)
        {
            return status;
        }

        var cancellationToken = context.CancellationToken;
        var now = Now();

        // One transaction for the cadence and its leads' enrollments. An enrollment a sweep holds (its step running) is
        // stopped once the sweep commits: no step runs after this returns.
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        var stopped = await _db.ChangeAsync(
            token => _db.Cadences.SingleOrDefaultAsync(c => c.CadenceId == cadenceId, token),
            new CommandTarget("cadence_id", $"cadence {cadenceId}"),
            expectedVersion: 0,
            async (cadence, token) =>
            {
                cadence.Stop(now);
                await _db.Enrollments.Where(e => e.CadenceId == cadenceId && e.Status == EnrollmentStatus.Active).ExecuteUpdateAsync(
                    e => e.SetProperty(x => x.Status, EnrollmentStatus.Stopped).SetProperty(x => x.StopReason, Enrollment.CadenceStopped).SetProperty(x => x.UpdatedAt, now),
                    token);
                return Result.Done;
            },
            cancellationToken);
        if (stopped.Value is not { } cadence)
        {
            return stopped.Error!.ToStatus();
        }

        await transaction.CommitAsync(cancellationToken);
        return cadence.ToMessage(await CountsAsync(cadenceId, cancellationToken));
    }

    private async Task<CadenceCounts> CountsAsync(Guid cadenceId, CancellationToken cancellationToken) =>
        (await CountsAsync([cadenceId], cancellationToken)).GetValueOrDefault(cadenceId, CadenceCounts.None);

    /// <summary>How far each cadence has gone: two grouped queries for a whole page, whatever its size.</summary>
    private async Task<Dictionary<Guid, CadenceCounts>> CountsAsync(List<Guid> cadenceIds, CancellationToken cancellationToken)
    {
        var byStatus = await _db.Enrollments.Where(e => cadenceIds.Contains(e.CadenceId))
            .GroupBy(e => new { e.CadenceId, e.Status, Cadence = e.StopReason == Enrollment.CadenceStopped })
            .Select(g => new { g.Key.CadenceId, g.Key.Status, g.Key.Cadence, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var touches = await _db.Touches.Where(t => cadenceIds.Contains(t.CadenceId))
            .GroupBy(t => t.CadenceId)
            .Select(g => new { CadenceId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.CadenceId, g => g.Count, cancellationToken);
        return cadenceIds.ToDictionary(id => id, id =>
        {
            var rows = byStatus.Where(s => s.CadenceId == id).ToList();
            return new CadenceCounts(
                rows.Sum(s => s.Count),
                rows.Where(s => s.Status == EnrollmentStatus.Completed).Sum(s => s.Count),
                rows.Where(s => s.Status == EnrollmentStatus.Stopped && !s.Cadence).Sum(s => s.Count),
                touches.GetValueOrDefault(id));
        });
    }

    /// <summary>A step as the domain holds it, its parts checked and named (<c>steps[1].subject</c>).</summary>
    private static CadenceStep Step(Grpc.V1.CadenceStep step, string field, RequestCheck check)
    {
        var channel = check.Known(step.Channel, field + ".channel", required: true);
        var subject = check.Text(step.Subject, field + ".subject");
        var body = check.Text(step.Body, field + ".body", TextLimits.Note * 5 / 2);
        var wait = step.Wait?.ToTimeSpan() ?? TimeSpan.Zero;
        return new CadenceStep(channel == TouchChannel.Unspecified ? default : CadenceMapping.ToContract(channel), wait, subject, body);
    }

    private static Status CadenceNotFound(Guid cadenceId) => Status.NotFound($"cadence_id: cadence {cadenceId} does not exist");
}
