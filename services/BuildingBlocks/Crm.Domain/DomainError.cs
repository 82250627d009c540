namespace Crm.Domain;

/// <summary>A rule's refusal: its kind, the field at fault when there is one, and a message a person can act on.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Message, string? Field = null)
{
    /// <summary><paramref name="field"/> holds a value the rule does not take.</summary>
    public static DomainError Invalid(string field, string problem) => new(DomainErrorKind.Invalid, problem, field);

    /// <summary>Nothing exists under the id in <paramref name="field"/> (null: the thing sought is not a field's).</summary>
    public static DomainError NotFound(string message, string? field = null) => new(DomainErrorKind.NotFound, message, field);

    public static DomainError Precondition(string message) => new(DomainErrorKind.Precondition, message);

    public static DomainError Conflict(string message) => new(DomainErrorKind.Conflict, message);

    /// <summary>What <paramref name="field"/> names exists already.</summary>
    public static DomainError Duplicate(string field, string message) => new(DomainErrorKind.Duplicate, message, field);

    /// <summary>The record is not the caller's to see or change (another sales team's deal).</summary>
    public static DomainError Forbidden(string message) => new(DomainErrorKind.Forbidden, message);

    /// <summary>The message as a caller reads it: <c>field: problem</c> when a field is at fault.</summary>
    public override string ToString() => Field is null ? Message : $"{Field}: {Message}";
}
