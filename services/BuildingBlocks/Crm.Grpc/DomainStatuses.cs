using Crm.Domain;
using Grpc.Core;

namespace Crm.Grpc;

/// <summary>The one place where a domain rule's refusal becomes a gRPC status.</summary>
public static class DomainStatuses
{
    public static Status ToStatus(this DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            DomainErrorKind.Invalid => Status.InvalidArgument(error.Field ?? "request", error.Message),
            DomainErrorKind.NotFound => Status.NotFound(error.ToString()),
            DomainErrorKind.Precondition => Status.FailedPrecondition(error.Message),
            DomainErrorKind.Conflict => new Status(StatusCode.Aborted, error.Message),
            DomainErrorKind.Duplicate => Status.AlreadyExists(error.ToString()),
            DomainErrorKind.Forbidden => new Status(StatusCode.PermissionDenied, error.Message),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "an unknown kind of refusal"),
        };
    }
}
