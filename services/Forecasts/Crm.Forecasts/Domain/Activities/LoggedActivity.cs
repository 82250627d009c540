using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Contracts.Support;

namespace Crm.Forecasts.Domain.Activities;

/// <summary>
/// An interaction with the customer as the activity reports count it: what it was, how it went, who logged it, in which
/// department and sales team, and on which day (UTC). Built from the events that carry interactions: sales' logged
/// activities and support's interactions on cases. Written once, never changed.
/// </summary>
internal sealed class LoggedActivity
{
    public Guid ActivityId { get; init; }

    public Guid CustomerId { get; init; }

    public ActivityType Type { get; init; }

    public ActivityOutcome? Outcome { get; init; }

    public Department? Department { get; init; }

    public string LoggedBy { get; init; } = string.Empty;

    public string? SalesTeam { get; init; }

    public DateOnly HappenedOn { get; init; }

    /// <summary>What <paramref name="e"/> tells, or null for an event that carries no interaction.</summary>
    public static LoggedActivity? Of(IIntegrationEvent e) => e switch
    {
        ActivityLogged m => new LoggedActivity
        {
            ActivityId = m.ActivityId, CustomerId = m.CustomerId, Type = TypeOf(m.Kind), Outcome = m.Outcome, Department = m.Department,
            LoggedBy = m.LoggedBy, SalesTeam = m.SalesTeam, HappenedOn = DateOnly.FromDateTime(m.HappenedAt.UtcDateTime),
        },
        InteractionLogged m => new LoggedActivity
        {
            ActivityId = m.InteractionId, CustomerId = m.CustomerId, Type = TypeOf(m.Channel), Outcome = m.Outcome, Department = m.Department,
            LoggedBy = m.LoggedBy, HappenedOn = DateOnly.FromDateTime(m.OccurredAt.UtcDateTime),
        },
        _ => null,
    };

    private static ActivityType TypeOf(ActivityKind kind) => kind switch
    {
        ActivityKind.Call => ActivityType.Call,
        ActivityKind.Meeting => ActivityType.Meeting,
        ActivityKind.EmailIn or ActivityKind.EmailOut => ActivityType.Email,
        ActivityKind.Letter or ActivityKind.DocumentSent => ActivityType.Letter,
        _ => ActivityType.Note,
    };

    private static ActivityType TypeOf(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => ActivityType.Call,
        InteractionChannel.Visit => ActivityType.Meeting,
        InteractionChannel.Email => ActivityType.Email,
        InteractionChannel.Letter => ActivityType.Letter,
        _ => ActivityType.Chat,
    };
}
