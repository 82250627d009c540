using System.Security.Claims;
using Grpc.Core;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>
/// Decides whether a caller may call a method at all (function-level security). The owning service still applies
/// its record-level rules. The security issue fills this in; until then every method is open.
/// </summary>
public interface IForwardingPolicy
{
    /// <summary>Null when allowed; otherwise the status to answer with (PERMISSION_DENIED, UNAUTHENTICATED).</summary>
    Status? Check(ClaimsPrincipal caller, string method);
}
