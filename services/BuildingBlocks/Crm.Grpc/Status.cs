namespace Crm.Grpc;

/// <summary>How a call ended: a code and a message a person can act on.</summary>
/// <param name="Code">The gRPC status code.</param>
/// <param name="Detail">The message; for INVALID_ARGUMENT it names the field.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    public static readonly Status Ok = new(StatusCode.OK, string.Empty);

    public bool IsOk => Code == StatusCode.OK;

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

    public override string ToString() => Detail.Length == 0 ? Code.ToString() : $"{Code}: {Detail}";
}
