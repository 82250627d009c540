using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Security;

/// <summary>
/// The caller holds a role that <see cref="MethodAccess"/> lets call the requested method (read from the request's
/// path, <c>/package.Service/Method</c>, the same at a service and at the gateway that forwards it).
/// </summary>
public sealed class MethodRolesRequirement : AuthorizationHandler<MethodRolesRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MethodRolesRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A refusal the gateway reports is refused here too, whoever calls: it must never run.
        if (context.Resource is HttpContext http && !GatewayRefusal.IsReport(http) && Allowed(context.User, http.Request.Path.Value ?? string.Empty))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool Allowed(ClaimsPrincipal caller, string method)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        return MethodAccess.IsStandard(method) || caller.IsInRole(CrmRoles.Administrator) || MethodAccess.RolesFor(method).Any(caller.IsInRole);
    }
}
