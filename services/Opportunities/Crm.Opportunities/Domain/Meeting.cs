using Crm.Contracts.Opportunities;
using Crm.Domain;

namespace Crm.Opportunities.Domain;

/// <summary>A meeting with the customer; postponing it moves it later and marks it.</summary>
internal sealed class Meeting : AggregateRoot
{
    private Meeting()
    {
    }

    public Guid MeetingId { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? OpportunityId { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public List<Guid> AttendeeContactIds { get; private set; } = [];

    public string OrganizerId { get; private set; } = string.Empty;

    public bool Postponed { get; private set; }

    public string? PostponeReason { get; private set; }

    public TimeSpan Duration => EndsAt - StartsAt;

    /// <summary>Schedules a meeting; the caller has checked the attendees are the customer's contacts and the time is ahead.</summary>
    public static Meeting Schedule(Guid customerId, Guid? opportunityId, string subject, DateTimeOffset startsAt, DateTimeOffset endsAt, IReadOnlyList<Guid> attendees, string organizerId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        var meeting = new Meeting
        {
            MeetingId = Guid.CreateVersion7(at),
            CustomerId = customerId,
            OpportunityId = opportunityId,
            Subject = subject,
            StartsAt = startsAt,
            EndsAt = endsAt,
            AttendeeContactIds = [.. attendees],
            OrganizerId = organizerId,
            Version = 1,
        };
        meeting.Raise(new MeetingScheduled(
            Guid.CreateVersion7(at), at, customerId, meeting.MeetingId, meeting.Version, opportunityId, subject, startsAt, endsAt, organizerId,
            [.. attendees.Select(a => a.ToString())]));
        return meeting;
    }

    /// <summary>
    /// Moves the meeting later (never earlier: that would be another meeting), still in the future, keeping its length
    /// unless <paramref name="endsAt"/> says otherwise.
    /// </summary>
    public Result Postpone(DateTimeOffset startsAt, DateTimeOffset? endsAt, string? reason, DateTimeOffset at)
    {
        if (startsAt <= StartsAt)
        {
            return DomainError.Invalid("new_starts_at", $"must be later than the meeting's current start {StartsAt:O}");
        }

        if (startsAt <= at)
        {
            return DomainError.Invalid("new_starts_at", "must be in the future");
        }

        var ends = endsAt ?? startsAt + Duration;
        if (ends <= startsAt)
        {
            return DomainError.Invalid("new_ends_at", "must be after new_starts_at");
        }

        var previous = StartsAt;
        StartsAt = startsAt;
        EndsAt = ends;
        Postponed = true;
        PostponeReason = reason;
        Version++;
        Raise(new MeetingPostponed(Guid.CreateVersion7(at), at, CustomerId, MeetingId, Version, previous, startsAt, ends, reason ?? string.Empty));
        return Result.Done;
    }
}
