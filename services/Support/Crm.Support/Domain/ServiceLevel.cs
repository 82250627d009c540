namespace Crm.Support.Domain;

/// <summary>The service-level targets of a priority: how soon the customer hears from us, and how soon the case is resolved.</summary>
public sealed record ServiceLevel(TimeSpan RespondWithin, TimeSpan ResolveWithin)
{
    /// <summary>Priority 1 (the customer cannot work) to 4 (a question).</summary>
    public static ServiceLevel Of(int priority) => priority switch
    {
        1 => new(TimeSpan.FromHours(1), TimeSpan.FromHours(4)),
        2 => new(TimeSpan.FromHours(4), TimeSpan.FromDays(1)),
        3 => new(TimeSpan.FromDays(1), TimeSpan.FromDays(3)),
        4 => new(TimeSpan.FromDays(2), TimeSpan.FromDays(10)),
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "priorities are 1 to 4"),
    };
}
