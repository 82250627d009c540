using Crm.Grpc;
using Grpc.Core;

namespace Crm.Opportunities.Features;

/// <summary>Optimistic concurrency on writes: <c>expected_version</c> 0 means no check.</summary>
internal static class ExpectedVersion
{
    public static Status Check(long expected, long actual, string what) =>
        expected == 0 || expected == actual
            ? Status.Ok
            : new Status(StatusCode.Aborted, $"{what} is at version {actual}, not the expected_version {expected}: read it again and retry");

    public static Status Changed(string what) =>
        new(StatusCode.Aborted, $"{what} changed while this call ran: read it again and retry");
}
