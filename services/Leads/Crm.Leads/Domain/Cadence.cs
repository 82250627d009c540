using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>
/// A drip cadence: steps that touch the leads of a segment at intervals with no human action. Leads join it when it
/// starts and as they are captured (<see cref="LookedThrough"/> remembers how far the leads were looked at); each
/// lead's progress is an <see cref="Enrollment"/>.
/// </summary>
public sealed class Cadence : AggregateRoot
{
    /// <summary>Enough for any sequence a person designs; more is a mistake.</summary>
    public const int MostSteps = 20;

    private Cadence()
    {
    }

    public Guid CadenceId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public Guid SegmentId { get; private set; }

    public IReadOnlyList<CadenceStep> Steps { get; private set; } = [];

    public CadenceStatus Status { get; private set; }

    /// <summary>When leads were last looked at for joining; null before the first look, which takes every lead.</summary>
    public DateTimeOffset? LookedThrough { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new, active cadence, or a refusal naming the step that breaks a rule (<c>steps[2].wait</c>).</summary>
    public static Result<Cadence> Start(string name, Guid segmentId, IReadOnlyList<CadenceStep> steps, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count is 0 or > MostSteps)
        {
            return DomainError.Invalid("steps", $"a cadence has 1 to {MostSteps} steps, not {steps.Count}");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Wait < TimeSpan.Zero || steps[i].Wait > CadenceStep.LongestWait)
            {
                return DomainError.Invalid($"steps[{i}].wait", $"{steps[i].Wait} is not between 0 and {CadenceStep.LongestWait.TotalDays:0} days");
            }
        }

        return new Cadence
        {
            CadenceId = Guid.CreateVersion7(at),
            Name = name,
            SegmentId = segmentId,
            Steps = [.. steps],
            Status = CadenceStatus.Active,
            StartedBy = by,
            StartedAt = at,
            UpdatedAt = at,
            Version = 1,
        };
    }

    /// <summary>Stops the cadence for everyone; stopping it again changes nothing.</summary>
    public void Stop(DateTimeOffset at)
    {
        if (Status is CadenceStatus.Stopped)
        {
            return;
        }

        Status = CadenceStatus.Stopped;
        UpdatedAt = at;
        Version++;
    }

    /// <summary>
    /// The leads to look at for joining: those captured since the last look, less <paramref name="margin"/>, since a
    /// lead's capture time is taken before its transaction commits; every lead the first time.
    /// </summary>
    public DateTimeOffset LookSince(TimeSpan margin) => LookedThrough is { } last ? last - margin : DateTimeOffset.UnixEpoch;

    /// <summary>Leads captured up to <paramref name="at"/> were looked at.</summary>
    public void Looked(DateTimeOffset at) => LookedThrough = at;

    /// <summary>The step numbered <paramref name="number"/> (from 1).</summary>
    public CadenceStep Step(int number) => Steps[number - 1];
}
