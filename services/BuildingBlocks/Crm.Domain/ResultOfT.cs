namespace Crm.Domain;

/// <summary>The outcome of a rule that makes something (a payment, an interaction): the value, or the refusal.</summary>
public readonly record struct Result<T>(T? Value, DomainError? Error)
{
    public bool IsDone => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
