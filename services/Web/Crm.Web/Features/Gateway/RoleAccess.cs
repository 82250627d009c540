using System.Security.Claims;
using Crm.Grpc.Security;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Crm.Web.Features.Gateway;

/// <summary>
/// Whether the signed-in person's roles may call a method of the platform, by the same table the gateway and the
/// services enforce (<see cref="MethodAccess"/>): pages show only the sections and actions that would be allowed,
/// and the gateway still refuses anything else.
/// </summary>
public static class RoleAccess
{
    public static bool May(this ClaimsPrincipal person, ServiceDescriptor service, string method)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(service);
        return person.IsInRole(CrmRoles.Administrator) || MethodAccess.RolesFor($"/{service.FullName}/{method}").Any(person.IsInRole);
    }
}
