using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Grpc.Security;

/// <summary>
/// Records the refusals a service's own rules make after the method table let the caller in (a rep asking for another
/// team's deal): a handler that answers PERMISSION_DENIED is audited as the token check's refusals are.
/// </summary>
internal sealed class DenialAuditInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            await RecordAsync(context, ex.Status);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            await RecordAsync(context, ex.Status);
            throw;
        }
    }

    private static Task RecordAsync(ServerCallContext context, Status status)
    {
        var http = context.GetHttpContext();
        return http.RequestServices.GetService<IAccessAudit>() is { } audit
            ? audit.RecordDenialAsync(http, status.StatusCode, status.Detail)
            : Task.CompletedTask;
    }
}
