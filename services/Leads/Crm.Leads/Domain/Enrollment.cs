namespace Crm.Leads.Domain;

/// <summary>
/// One person's way through a cadence (a lead's or a customer's contact's): the next step and when it is due, until
/// every step has run or the cadence stops for them. One per cadence and person, so nobody joins a cadence twice.
/// </summary>
public sealed class Enrollment
{
    /// <summary>The reason of every enrollment of a cadence a person stopped.</summary>
    public const string CadenceStopped = "cadence stopped";

    private Enrollment()
    {
    }

    public Guid CadenceId { get; private set; }

    /// <summary>The lead's id, or the contact's (<see cref="Member"/>).</summary>
    public Guid MemberId { get; private set; }

    public CadenceMember Member { get; private set; }

    /// <summary>The number (from 1) of the step that runs next, or that ran last once completed.</summary>
    public int Step { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public EnrollmentStatus Status { get; private set; }

    /// <summary>Why the cadence stopped for the person: opted out, converted, disqualified, erased, or stopped.</summary>
    public string? StopReason { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The step that ran is done: the next is due its wait from now, or the person has had them all.</summary>
    public void Advance(Cadence cadence, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        UpdatedAt = at;
        if (Step >= cadence.Steps.Count)
        {
            Status = EnrollmentStatus.Completed;
            return;
        }

        Step++;
        DueAt = at + cadence.Step(Step).Wait;
    }

    public void StopFor(string reason, DateTimeOffset at)
    {
        Status = EnrollmentStatus.Stopped;
        StopReason = reason;
        UpdatedAt = at;
    }
}
