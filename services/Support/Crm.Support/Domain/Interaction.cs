namespace Crm.Support.Domain;

/// <summary>A call, e-mail, chat, visit or portal message with the customer about a case; it lands on the shared timeline.</summary>
public sealed class Interaction
{
    public required Guid Id { get; init; }

    public required Guid CaseId { get; init; }

    public required Guid CustomerId { get; init; }

    public InteractionChannel Channel { get; init; }

    public required string Summary { get; init; }

    public required string LoggedBy { get; init; }

    /// <summary>Stored by name.</summary>
    public Crm.Contracts.Department Department { get; init; }

    /// <summary>How it went, when whoever logged it said.</summary>
    public Crm.Contracts.ActivityOutcome? Outcome { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}
