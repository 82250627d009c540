namespace Crm.Domain;

/// <summary>The outcome of a rule that makes something (a payment, an interaction): the value, or the refusal.</summary>
public readonly record struct Result<T>(T? Value, DomainError? Error)
{
    public bool IsDone => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);

    /// <summary>Done or refused, without the value: what a rule that only changes state returns.</summary>
    public static implicit operator Result(Result<T> result) => new(result.Error);

    public Result ToResult() => new(Error);
}
