using Grpc.Core;

namespace Crm.Grpc;

/// <summary>
/// The one place where a handler's outcome becomes the call's: the response, or the status as an
/// <see cref="RpcException"/>, which grpc-dotnet sends as <c>grpc-status</c> and <c>grpc-message</c>.
/// </summary>
public static class GrpcAnswers
{
    /// <summary>
    /// <c>public override Task&lt;Lead&gt; GetLead(GetLeadRequest request, ServerCallContext context) =&gt;
    /// GetLeadAsync(request, context).Answer();</c>
    /// </summary>
    public static async Task<TResponse> Answer<TResponse>(this Task<GrpcResult<TResponse>> outcome)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = await outcome.ConfigureAwait(false);
        return result.IsOk ? result.Value! : throw new RpcException(result.Status);
    }
}
