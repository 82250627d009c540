using Grpc.Core;

namespace Crm.Grpc;

/// <summary>
/// The statuses CrmPlatform's handlers return, with messages a person can act on: <c>Status.InvalidArgument("source",
/// "is required")</c> reads <c>source: is required</c>.
/// </summary>
public static class StatusExtensions
{
    extension(Status status)
    {
        /// <summary>True for OK.</summary>
        public bool IsOk => status.StatusCode == StatusCode.OK;

        /// <summary>OK, with no message.</summary>
        public static Status Ok => Status.DefaultSuccess;

        /// <summary>Bad input, naming the field: <c>source: is required</c>.</summary>
        public static Status InvalidArgument(string field, string problem) => new(StatusCode.InvalidArgument, $"{field}: {problem}");

        public static Status NotFound(string detail) => new(StatusCode.NotFound, detail);

        public static Status FailedPrecondition(string detail) => new(StatusCode.FailedPrecondition, detail);

        public static Status PermissionDenied(string detail) => new(StatusCode.PermissionDenied, detail);

        public static Status Unauthenticated(string detail) => new(StatusCode.Unauthenticated, detail);

        public static Status ResourceExhausted(string detail) => new(StatusCode.ResourceExhausted, detail);

        public static Status AlreadyExists(string detail) => new(StatusCode.AlreadyExists, detail);

        public static Status Unavailable(string detail) => new(StatusCode.Unavailable, detail);

        public static Status Internal(string detail) => new(StatusCode.Internal, detail);
    }
}
