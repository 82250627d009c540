using Crm.Domain;
using Crm.Contracts.Support;

namespace Crm.Support.Domain;

/// <summary>
/// A customer's inquiry or problem, with its priority and service-level targets. Answered when the first interaction
/// is logged (or it is resolved); breached targets are recorded once each. Each change raises the event that tells the
/// other services, at the case's new <see cref="AggregateRoot.Version"/>.
/// </summary>
public sealed class SupportCase : AggregateRoot
{
    public required Guid Id { get; init; }

    public required Guid CustomerId { get; init; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

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

    /// <summary>When it was escalated last.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public string Resolution { get; private set; } = string.Empty;

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public DateTimeOffset? ResponseBreachedAt { get; private set; }

    public DateTimeOffset? ResolutionBreachedAt { get; private set; }

    public ICollection<Interaction> Interactions { get; init; } = [];

    public bool IsResolved => Status == CaseStatus.Resolved;

    /// <summary>Opens a case with the targets of its priority, counted from <paramref name="at"/>.</summary>
    public static SupportCase Open(Guid customerId, CaseKind kind, int priority, string subject, string description, string openedBy, DateTimeOffset at)
    {
        var level = ServiceLevel.Of(priority);
        var opened = new SupportCase
        {
            Id = Guid.CreateVersion7(at),
            CustomerId = customerId,
            Kind = kind,
            Priority = priority,
            Subject = subject,
            Description = description,
            AssigneeId = openedBy,
            OpenedAt = at,
            RespondBy = at + level.RespondWithin,
            ResolveBy = at + level.ResolveWithin,
            Version = 1,
        };
        opened.Raise(new CaseOpened(
            Guid.CreateVersion7(at), at, customerId, opened.Id, opened.Version, kind, opened.PriorityClass, subject, null, null, opened.ResolveBy));
        return opened;
    }

    /// <summary>The priority as the events name it: P1 is <see cref="CasePriority"/>'s first.</summary>
    public CasePriority PriorityClass => (CasePriority)(Priority - 1);

    /// <summary>
    /// Moves an unresolved case to <paramref name="status"/> (not Resolved: that is <see cref="Resolve"/>, which records
    /// the resolution); escalating raises the level and raises CaseEscalated with <paramref name="reason"/>. Moving to
    /// the status it has changes nothing.
    /// </summary>
    public Result MoveTo(CaseStatus status, string? reason, DateTimeOffset at)
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

        Status = status;
        Version++;
        if (status == CaseStatus.Escalated)
        {
            EscalationLevel++;
            EscalatedAt = at;
            Raise(new CaseEscalated(Guid.CreateVersion7(at), at, CustomerId, Id, Version, PriorityClass, EscalationLevel, reason ?? "escalated", AssigneeId));
        }

        return Result.Done;
    }

    /// <summary>
    /// Logs a conversation about the case for the shared timeline, by <paramref name="department"/> or, when not given,
    /// Technical Support for a problem and Customer Service for an inquiry. The first one answers the response target.
    /// </summary>
    public Interaction Log(InteractionChannel channel, string summary, Contracts.Department? department, Contracts.ActivityOutcome? outcome, string by, DateTimeOffset at)
    {
        var loggedBy = department ?? (Kind == CaseKind.Problem ? Contracts.Department.TechnicalSupport : Contracts.Department.CustomerService);

        var interaction = new Interaction
        {
            Id = Guid.CreateVersion7(at), CaseId = Id, CustomerId = CustomerId, Channel = channel, Summary = summary, LoggedBy = by, Department = loggedBy, Outcome = outcome, OccurredAt = at,
        };
        Interactions.Add(interaction);
        if (RespondedAt is null)
        {
            RespondedAt = at;
            Version++;
        }

        // An interaction is a record of its own for the other services: version 1, never changed.
        Raise(new InteractionLogged(
            Guid.CreateVersion7(at), at, CustomerId, interaction.Id, 1, Id, ToContract(channel), summary, by, loggedBy, outcome));
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
        Raise(new CaseResolved(Guid.CreateVersion7(at), at, CustomerId, Id, Version, resolution, by));
        return Result.Done;
    }

    /// <summary>
    /// The targets that passed unmet by <paramref name="now"/> and were not recorded yet; records them, each as a change
    /// of its own, so that each breach's event carries its own version.
    /// </summary>
    public IReadOnlyList<(ServiceLevelTarget Target, DateTimeOffset DueAt)> RecordBreaches(DateTimeOffset now)
    {
        var breached = new List<(ServiceLevelTarget, DateTimeOffset)>();
        if (IsResolved)
        {
            return breached;
        }

        if (RespondedAt is null && ResponseBreachedAt is null && RespondBy < now)
        {
            ResponseBreachedAt = now;
            Breached(ServiceLevelTarget.FirstResponse, RespondBy, now);
            breached.Add((ServiceLevelTarget.FirstResponse, RespondBy));
        }

        if (ResolutionBreachedAt is null && ResolveBy < now)
        {
            ResolutionBreachedAt = now;
            Breached(ServiceLevelTarget.Resolution, ResolveBy, now);
            breached.Add((ServiceLevelTarget.Resolution, ResolveBy));
        }

        return breached;
    }

    private void Breached(ServiceLevelTarget target, DateTimeOffset dueAt, DateTimeOffset at)
    {
        Version++;
        Raise(new ServiceLevelBreached(Guid.CreateVersion7(at), at, CustomerId, Id, Version, PriorityClass, target, dueAt));
    }

    private static Contracts.Support.InteractionChannel ToContract(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => Contracts.Support.InteractionChannel.Phone,
        InteractionChannel.Email => Contracts.Support.InteractionChannel.Email,
        InteractionChannel.Chat => Contracts.Support.InteractionChannel.Chat,
        InteractionChannel.OnSite => Contracts.Support.InteractionChannel.Visit,
        _ => Contracts.Support.InteractionChannel.Portal,
    };
}
