using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Grpc.Security;

/// <summary>
/// A refused gRPC call gets a gRPC status a client can act on (UNAUTHENTICATED without a valid token,
/// PERMISSION_DENIED for a role that may not call the method) instead of a bare HTTP 401 or 403, and is recorded in
/// the audit trail (<see cref="IAccessAudit"/>).
/// </summary>
internal sealed class GrpcAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!IsGrpc(context.Request) || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var method = GatewayRefusal.MethodOf(context);
        var atGateway = GatewayRefusal.IsReport(context) ? "refused at the gateway: " : string.Empty;
        Status status;
        string reason;
        if (authorizeResult.Challenged)
        {
            status = new Status(StatusCode.Unauthenticated, "a valid access token is required: send \"authorization: Bearer <token>\" from the identity service");
            reason = atGateway + WhyNoToken(context);
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        else
        {
            var roles = string.Join(", ", MethodAccess.RolesFor(method).Append(CrmRoles.Administrator));
            status = new Status(StatusCode.PermissionDenied, $"{context.User.Identity?.Name ?? "the caller"} may not call {method}: it is for {roles}");
            reason = atGateway + (MethodRolesRequirement.Allowed(context.User, method)
                ? "the gateway reported it (the caller's roles may call the method)"
                : $"no role of the caller may call the method (it is for {roles})");
        }

        if (context.RequestServices.GetService<IAccessAudit>() is { } audit)
        {
            await audit.RecordDenialAsync(context, status.StatusCode, reason);
        }

        GrpcStatusResponse.Write(context, status);
    }

    /// <summary>The kind of the token's fault (expired, another audience, a bad signature), never the token itself.</summary>
    private static string WhyNoToken(HttpContext context)
    {
        if (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure is not { } failure)
        {
            return context.Request.Headers.Authorization.Count == 0 ? "no token" : "no valid token";
        }

        var kind = failure.GetType().Name.Replace("SecurityToken", string.Empty, StringComparison.Ordinal).Replace("Exception", string.Empty, StringComparison.Ordinal);
        return $"token refused: {kind}";
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
