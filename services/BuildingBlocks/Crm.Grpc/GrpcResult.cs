using Crm.Domain;
using Grpc.Core;

namespace Crm.Grpc;

/// <summary>
/// What a unary handler returns: the response or the status that explains why there is none. Expected failures are
/// values, not exceptions: <c>return Status.InvalidArgument("source", "is required");</c> and <c>return reply;</c>
/// both convert implicitly, and so does a domain rule's <see cref="DomainError"/>. <see cref="GrpcAnswers.Answer{TResponse}"/> turns it into the call's outcome.
/// </summary>
public readonly struct GrpcResult<TResponse> : IEquatable<GrpcResult<TResponse>>
    where TResponse : class
{
    private GrpcResult(TResponse? value, Status status)
    {
        Value = value;
        Status = status;
    }

    public TResponse? Value { get; }

    public Status Status { get; }

    public bool IsOk => Status.StatusCode == StatusCode.OK;

    public static implicit operator GrpcResult<TResponse>(TResponse value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new GrpcResult<TResponse>(value, Status.DefaultSuccess);
    }

    public static implicit operator GrpcResult<TResponse>(Status status) =>
        status.StatusCode == StatusCode.OK
            ? throw new ArgumentException("an OK result carries a response", nameof(status))
            : new GrpcResult<TResponse>(null, status);

    /// <summary>A domain rule's refusal, as the status <see cref="DomainStatuses"/> maps it to.</summary>
    public static implicit operator GrpcResult<TResponse>(DomainError error) => error.ToStatus();

    public bool Equals(GrpcResult<TResponse> other) =>
        Equals(Value, other.Value) && Status.StatusCode == other.Status.StatusCode && string.Equals(Status.Detail, other.Status.Detail, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrpcResult<TResponse> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Value, Status.StatusCode, Status.Detail);

    public static bool operator ==(GrpcResult<TResponse> left, GrpcResult<TResponse> right) => left.Equals(right);

    public static bool operator !=(GrpcResult<TResponse> left, GrpcResult<TResponse> right) => !left.Equals(right);
}
