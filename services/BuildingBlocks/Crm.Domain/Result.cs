namespace Crm.Domain;

/// <summary>The outcome of a rule that changes a record: done, or refused with an expected <see cref="DomainError"/>
/// (exceptions stay for what no rule expects).</summary>
public readonly record struct Result(DomainError? Error)
{
    public static Result Done => default;

    public bool IsDone => Error is null;

    public static implicit operator Result(DomainError error) => new(error);

    public static Result FromDomainError(DomainError error) => new(error);
}
