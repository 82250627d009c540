namespace Crm.Domain;

/// <summary>Something that happened to an aggregate, raised by the rule that made it happen.</summary>
public interface IDomainEvent
{
    /// <summary>When it happened: the time of the change, read once by the command.</summary>
    DateTimeOffset OccurredAt { get; }
}
