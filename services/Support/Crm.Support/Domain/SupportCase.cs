using Crm.Domain;
using Crm.Contracts.Support;

namespace Crm.Support.Domain;

/// <summary>
/// A customer's inquiry or problem, with its priority and service-level targets. Answered when the first interaction
/// is logged (or it is resolved); breached targets are recorded once each. <see cref="Version"/> grows by one with
/// every change and is the version its events carry.
/// </summary>
public sealed class SupportCase
{
    public required Guid Id { get; init; }

    public required Guid CustomerId { get; init; }

    public CaseKind Kind { get; init; }

    public int Priority { get; init; }

    public CaseStatus Status { get; private set; }

    public required string Subject { get; init; }

    public string Description { get; init; } = string.Empty;

    public required string AssigneeId { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset RespondBy { get; init; }

    public DateTimeOffset ResolveBy { get; init; }

    public DateTimeOffset? RespondedAt { get; private set; }

    public int EscalationLevel { get; private set; }

    public string Resolution { get; private set; } = string.Empty;

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public DateTimeOffset? ResponseBreachedAt { get; private set; }

    public DateTimeOffset? ResolutionBreachedAt { get; private set; }

    public long Version { get; private set; } = 1;

    public ICollection<Interaction> Interactions { get; init; } = [];

    public bool IsResolved => Status == CaseStatus.Resolved;

    /// <summary>Opens a case with the targets of its priority, counted from <paramref name="at"/>.</summary>
    public static SupportCase Open(Guid customerId, CaseKind kind, int priority, string subject, string description, string openedBy, DateTimeOffset at)
    {
        var level = ServiceLevel.Of(priority);
        return new SupportCase
        {
            Id = Guid.NewGuid(),
            CustomerId = customerId,
            Kind = kind,
            Priority = priority,
            Subject = subject,
            Description = description,
            AssigneeId = openedBy,
            OpenedAt = at,
            RespondBy = at + level.RespondWithin,
            ResolveBy = at + level.ResolveWithin,
        };
    }

    /// <summary>
    /// Moves an unresolved case to <paramref name="status"/> (not Resolved: that is <see cref="Resolve"/>, which records
    /// the resolution); escalating raises the level. Moving to the status it has changes nothing.
    /// </summary>
    public Result MoveTo(CaseStatus status)
    {
        if (IsResolved)
        {
            return DomainError.Precondition($"case {Id} is resolved: its status no longer changes");
        }

        if (status == CaseStatus.Resolved)
        {
            return DomainError.Invalid("status", "a case is resolved with ResolveCase, which records the resolution");
        }

        if (status == Status)
        {
            return Result.Done;
        }

        if (status == CaseStatus.Escalated)
        {
            EscalationLevel++;
        }

        Status = status;
        Version++;
        return Result.Done;
    }

    public Interaction Log(Grpc.V1.InteractionChannel channel, string summary, Common.Grpc.V1.Department department, string by, DateTimeOffset at)
    {
        var interaction = new Interaction
        {
            Id = Guid.NewGuid(), CaseId = Id, CustomerId = CustomerId, Channel = channel, Summary = summary, LoggedBy = by, Department = department, OccurredAt = at,
        };
        Interactions.Add(interaction);
        if (RespondedAt is null)
        {
            RespondedAt = at;
            Version++;
        }

        return interaction;
    }

    /// <summary>Resolves the case with what solved it; a case is resolved once.</summary>
    public Result Resolve(string resolution, string by, DateTimeOffset at)
    {
        if (IsResolved)
        {
            return DomainError.Precondition($"case {Id} is already resolved");
        }

        Status = CaseStatus.Resolved;
        Resolution = resolution;
        ResolvedBy = by;
        ResolvedAt = at;
        RespondedAt ??= at;
        Version++;
        return Result.Done;
    }

    /// <summary>
    /// The targets that passed unmet by <paramref name="now"/> and were not recorded yet; records them, each as a change
    /// of its own, so that each breach's event carries its own version.
    /// </summary>
    public IReadOnlyList<(ServiceLevelTarget Target, DateTimeOffset DueAt, long Version)> RecordBreaches(DateTimeOffset now)
    {
        var breached = new List<(ServiceLevelTarget, DateTimeOffset, long)>();
        if (IsResolved)
        {
            return breached;
        }

        if (RespondedAt is null && ResponseBreachedAt is null && RespondBy < now)
        {
            ResponseBreachedAt = now;
            breached.Add((ServiceLevelTarget.FirstResponse, RespondBy, ++Version));
        }

        if (ResolutionBreachedAt is null && ResolveBy < now)
        {
            ResolutionBreachedAt = now;
            breached.Add((ServiceLevelTarget.Resolution, ResolveBy, ++Version));
        }

        return breached;
    }
}
