using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Crm.Leads.Domain;
using Crm.Leads.Features.Cadences;
using Crm.Leads.Grpc.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Leads.Features;

/// <summary>
/// The mail room: the letters and faxes the cadences recorded wait in its queue until someone sends them and says so.
/// Before a letter goes, the person is checked as before any step: one erased, who opted out, or whose lead was
/// converted or disqualified since is no longer in the queue, and their letter is not sent.
/// </summary>
public sealed partial class LeadsApi
{
    /// <summary>The most letters and faxes one look at the queue shows: a morning's work.</summary>
    private const int MostMailRoomItems = 200;

    public override Task<ListMailRoomResponse> ListMailRoom(ListMailRoomRequest request, ServerCallContext context) => ListMailRoomAsync(context).Answer();

    public override Task<MailRoomItem> DispatchTouch(DispatchTouchRequest request, ServerCallContext context) => DispatchTouchAsync(request, context).Answer();

    private async Task<GrpcResult<ListMailRoomResponse>> ListMailRoomAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Each letter or fax with its lead, in one query (a contact's touches are e-mails only, so every one has a lead).
        var waiting = await (
                from touch in _db.Touches.AsNoTracking()
                join lead in _db.Leads.AsNoTracking() on touch.LeadId equals (Guid?)lead.LeadId
                where (touch.Channel == Contracts.Leads.TouchChannel.Letter || touch.Channel == Contracts.Leads.TouchChannel.Fax)
                    && !_db.TouchDispatches.Any(d => d.TouchId == touch.TouchId)
                    && lead.ErasedAt == null && lead.Status != Domain.LeadStatus.Converted && lead.Status != Domain.LeadStatus.Disqualified
                orderby touch.SentAt, touch.TouchId
                select new { Touch = touch, Lead = lead })
            .Take(MostMailRoomItems * 2)
            .ToListAsync(context.CancellationToken);

        // The opt-outs are read with each lead (the same rule as a cadence's next step), hence the margin above.
        var items = waiting.Where(w => w.Lead.DripStopReason() is null).Take(MostMailRoomItems).Select(w => w.Touch.ToMailRoomItem(w.Lead, null));
        return new ListMailRoomResponse { Items = { items } };
    }

    private async Task<GrpcResult<MailRoomItem>> DispatchTouchAsync(DispatchTouchRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (touchId, status) = IdConversions.Read(request.TouchId, "touch_id");
        if (!status.IsOk)
        {
            return status;
        }

        var touch = await _db.Touches.AsNoTracking().SingleOrDefaultAsync(t => t.TouchId == touchId, context.CancellationToken);
        if (touch is null)
        {
            return Status.NotFound($"touch_id: touch {touchId} does not exist");
        }

        // A customer's contact is only e-mailed, so a touch of theirs is refused below as no letter or fax.
        var lead = touch.LeadId is { } leadId ? await _db.Leads.AsNoTracking().SingleAsync(l => l.LeadId == leadId, context.CancellationToken) : null;
        if (lead?.DripStopReason() is { } stop)
        {
            return new Status(StatusCode.FailedPrecondition, $"touch {touchId} is not to be sent: the person's lead is {stop}");
        }

        var already = await _db.TouchDispatches.AsNoTracking().SingleOrDefaultAsync(d => d.TouchId == touchId, context.CancellationToken);
        var dispatched = TouchDispatch.Of(touch, already, Caller.Of(context), Now());
        if (dispatched.Error is { } refused)
        {
            return refused;
        }

        _db.TouchDispatches.Add(dispatched.Value!);
        try
        {
            await _db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Status(StatusCode.FailedPrecondition, $"touch {touchId} was sent by someone else a moment ago");
        }

        return touch.ToMailRoomItem(lead!, dispatched.Value);
    }
}
