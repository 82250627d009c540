using Crm.Api;
using System.Globalization;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Meetings: scheduled with the customer in the future, postponed to a later time.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Meeting> ScheduleMeeting(Wire.ScheduleMeetingRequest request, ServerCallContext context) => ScheduleMeetingAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Meeting>> ScheduleMeetingAsync(Wire.ScheduleMeetingRequest request, ServerCallContext context)
    {
        var (customerId, status) = IdConversions.Read(request.CustomerId, "customer_id");
        var (opportunityId, opportunityStatus) = IdConversions.ReadOptional(request.OpportunityId, "opportunity_id");
        var (window, windowStatus) = ReadMeetingTime(request.StartsAt, "starts_at", request.EndsAt, "ends_at", null);
        var failed = new[] { status, opportunityStatus, windowStatus }.FirstOrDefault(s => !s.IsOk);
        if (!failed.IsOk)
        {
            return failed;
        }

        var check = new RequestCheck();
        var subject = check.Text(request.Subject, "subject", TextLimits.Line);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var attendees = new List<Guid>();
        for (var i = 0; i < request.AttendeeContactIds.Count; i++)
        {
            var (attendee, attendeeStatus) = IdConversions.Read(request.AttendeeContactIds[i], string.Create(CultureInfo.InvariantCulture, $"attendee_contact_ids[{i}]"));
            if (!attendeeStatus.IsOk)
            {
                return attendeeStatus;
            }

            attendees.Add(attendee);
        }

        var (account, found) = await CustomerAsync(customerId, opportunityId, context.CancellationToken);
        if (account is null)
        {
            return found;
        }

        if (attendees.FindIndex(a => account.Contacts.All(c => c.ContactId != a)) is var stranger and >= 0)
        {
            return Status.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"attendee_contact_ids[{stranger}]"), $"{attendees[stranger]} is not a contact of customer {customerId}");
        }

        var meeting = new Meeting
        {
            MeetingId = Guid.NewGuid(),
            CustomerId = customerId,
            OpportunityId = opportunityId,
            Subject = subject,
            StartsAt = window.StartsAt,
            EndsAt = window.EndsAt,
            AttendeeContactIds = attendees,
            OrganizerId = Caller.Of(context),
            Version = 1,
        };
        db.Meetings.Add(meeting);
        db.Publish(new MeetingScheduled(
            Guid.NewGuid(), Now, customerId, meeting.MeetingId, meeting.Version, opportunityId, meeting.Subject, meeting.StartsAt, meeting.EndsAt,
            meeting.OrganizerId, [.. attendees.Select(a => a.ToString())]));
        var saved = await SaveAsync($"meeting {meeting.MeetingId}", context.CancellationToken);
        return saved.IsOk ? meeting.ToWire() : saved;
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

        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.MeetingId == meetingId, context.CancellationToken);
        if (meeting is null)
        {
            return Status.NotFound($"meeting {meetingId} does not exist");
        }

        var (window, windowStatus) = ReadMeetingTime(request.NewStartsAt, "new_starts_at", request.NewEndsAt, "new_ends_at", meeting.EndsAt - meeting.StartsAt);
        if (!windowStatus.IsOk)
        {
            return windowStatus;
        }

        if (window.StartsAt <= meeting.StartsAt)
        {
            return Status.InvalidArgument("new_starts_at", $"must be later than the meeting's current start {meeting.StartsAt:O}");
        }

        var previous = meeting.StartsAt;
        meeting.StartsAt = window.StartsAt;
        meeting.EndsAt = window.EndsAt;
        meeting.Postponed = true;
        meeting.PostponeReason = reason;
        meeting.Version++;
        db.Publish(new MeetingPostponed(
            Guid.NewGuid(), Now, meeting.CustomerId, meeting.MeetingId, meeting.Version, previous, meeting.StartsAt, meeting.EndsAt, meeting.PostponeReason ?? string.Empty));
        var saved = await SaveAsync($"meeting {meetingId}", context.CancellationToken);
        return saved.IsOk ? meeting.ToWire() : saved;
    }

    /// <summary>A meeting's time: it starts in the future and ends after it starts; without an end, it lasts <paramref name="duration"/>.</summary>
    private ((DateTimeOffset StartsAt, DateTimeOffset EndsAt) Window, Status Status) ReadMeetingTime(
        Google.Protobuf.WellKnownTypes.Timestamp? startsAt, string startsField, Google.Protobuf.WellKnownTypes.Timestamp? endsAt, string endsField, TimeSpan? duration)
    {
        var (starts, startsStatus) = Instants.Read(startsAt, startsField);
        var (ends, endsStatus) = Instants.Read(endsAt, endsField, required: duration is null);
        if (!startsStatus.IsOk || !endsStatus.IsOk)
        {
            return (default, startsStatus.IsOk ? endsStatus : startsStatus);
        }

        var end = ends ?? starts!.Value + duration!.Value;
        if (starts!.Value <= Now)
        {
            return (default, Status.InvalidArgument(startsField, "must be in the future"));
        }

        return end <= starts.Value
            ? (default, Status.InvalidArgument(endsField, $"must be after {startsField}"))
            : ((starts.Value, end), Status.Ok);
    }
}
