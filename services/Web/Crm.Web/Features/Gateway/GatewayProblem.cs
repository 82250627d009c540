using Grpc.Core;

namespace Crm.Web.Features.Gateway;

/// <summary>What a person reads when the gateway refuses or fails a call: its message (which names the field and what
/// is wrong), never a stack trace.</summary>
public static class GatewayProblem
{
    public static string Describe(RpcException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode switch
        {
            StatusCode.Unauthenticated => "Your sign-in has expired: reload the page to sign in again.",
            StatusCode.PermissionDenied => $"Not for your role: {failure.Status.Detail}",
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => $"A part of the platform is not answering; try again in a moment ({failure.Status.Detail}).",
            _ => failure.Status.Detail,
        };
    }
}
