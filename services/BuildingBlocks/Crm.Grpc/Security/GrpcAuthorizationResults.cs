using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Security;

/// <summary>
/// A refused gRPC call gets a gRPC status a client can act on (UNAUTHENTICATED without a valid token,
/// PERMISSION_DENIED for a role that may not call the method) instead of a bare HTTP 401 or 403.
/// </summary>
internal sealed class GrpcAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!IsGrpc(context.Request) || authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Challenged)
        {
            GrpcStatusResponse.Write(
                context,
                new Status(StatusCode.Unauthenticated, "a valid access token is required: send \"authorization: Bearer <token>\" from the identity service"));
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        else
        {
            var method = context.Request.Path.Value ?? string.Empty;
            var roles = string.Join(", ", MethodAccess.RolesFor(method).Append(CrmRoles.Administrator));
            GrpcStatusResponse.Write(context, new Status(StatusCode.PermissionDenied, $"{context.User.Identity?.Name ?? "the caller"} may not call {method}: it is for {roles}"));
        }

        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
