using Crm.Api;
using System.Globalization;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Crm.Messaging.Commands;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Meetings: scheduled with the customer in the future, postponed to a later time.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Meeting> ScheduleMeeting(Wire.ScheduleMeetingRequest request, ServerCallContext context) => ScheduleMeetingAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Meeting>> ScheduleMeetingAsync(Wire.ScheduleMeetingRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var opportunityId = check.OptionalId(request.OpportunityId, "opportunity_id");
        var window = ReadMeetingTime(request.StartsAt, request.EndsAt, check);
        var subject = check.Text(request.Subject, "subject", TextLimits.Line);
        var attendees = request.AttendeeContactIds.Select((id, i) => check.Id(id, string.Create(CultureInfo.InvariantCulture, $"attendee_contact_ids[{i}]"))).ToList();
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (account, found) = await CustomerAsync(customerId, opportunityId, context);
        if (account is null)
        {
            return found;
        }

        if (attendees.FindIndex(a => account.Contacts.All(c => c.ContactId != a)) is var stranger and >= 0)
        {
            return Status.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"attendee_contact_ids[{stranger}]"), $"{attendees[stranger]} is not a contact of customer {customerId}");
        }

        var meeting = Meeting.Schedule(customerId, opportunityId, subject, window.StartsAt, window.EndsAt, attendees, Caller.Of(context), Now);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(context.CancellationToken);
        return meeting.ToWire();
    }

    public override Task<Wire.Meeting> PostponeMeeting(Wire.PostponeMeetingRequest request, ServerCallContext context) => PostponeMeetingAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Meeting>> PostponeMeetingAsync(Wire.PostponeMeetingRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var meetingId = check.Id(request.MeetingId, "meeting_id");
        var reason = check.OptionalText(request.Reason, "reason", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var startsAt = check.Instant(request.NewStartsAt, "new_starts_at", required: true);
        var endsAt = check.Instant(request.NewEndsAt, "new_ends_at", required: false);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var now = Now;
        var changed = await db.ChangeAsync(
            token => db.Meetings.FirstOrDefaultAsync(m => m.MeetingId == meetingId, token),
            new CommandTarget("meeting_id", $"meeting {meetingId}"),
            expectedVersion: 0,
            meeting => meeting.Postpone(startsAt!.Value, endsAt, reason, now),
            context.CancellationToken);
        return changed.ToResponse(meeting => meeting.ToWire());
    }

    /// <summary>A new meeting's time: it starts in the future and ends after it starts.</summary>
    private (DateTimeOffset StartsAt, DateTimeOffset EndsAt) ReadMeetingTime(
        Google.Protobuf.WellKnownTypes.Timestamp? startsAt, Google.Protobuf.WellKnownTypes.Timestamp? endsAt, RequestCheck check)
    {
        var starts = check.Instant(startsAt, "starts_at", required: true);
        var ends = check.Instant(endsAt, "ends_at", required: true);
        if (starts is null || ends is null)
        {
            return default;
        }

        if (starts.Value <= Now)
        {
            check.Fail("starts_at", "must be in the future");
        }
        else if (ends.Value <= starts.Value)
        {
            check.Fail("ends_at", "must be after starts_at");
        }

        return (starts.Value, ends.Value);
    }
}
