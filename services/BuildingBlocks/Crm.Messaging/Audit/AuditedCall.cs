using System.Diagnostics;
using System.Security.Claims;
using Crm.Grpc.Security;
using Microsoft.AspNetCore.Http;

namespace Crm.Messaging.Audit;

/// <summary>Who made a call, what it called and from where, read from the request as the token check left it.</summary>
internal sealed record AuditedCall(string Actor, string Roles, string Action, string Peer, string? TraceId)
{
    /// <summary>The actor of a call without a valid token: whatever name an invalid token claims is not recorded as fact.</summary>
    public const string Anonymous = "anonymous";

    public static AuditedCall Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var identity = http.User.Identity as ClaimsIdentity;
        var signedIn = identity?.IsAuthenticated == true;
        var roles = signedIn
            ? string.Join(",", identity!.FindAll(identity.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal))
            : string.Empty;
        return new AuditedCall(
            signedIn && identity!.Name is { Length: > 0 } name ? name : Anonymous,
            roles,
            ActionOf(GatewayRefusal.MethodOf(http)),
            PeerOf(http),
            Activity.Current?.TraceId.ToHexString());
    }

    /// <summary>The method called; a path that is no method is recorded as such and cut short, so that a caller
    /// without a token cannot write what it likes into the trail.</summary>
    private static string ActionOf(string path) =>
        MethodAccess.Knows(path)
            ? path
            : $"(no such method) {path[..Math.Min(path.Length, 100)]}";

    /// <summary>The connection's address, and the client the gateway says it forwarded the call for (as the caller
    /// says: only the connection's address is known for sure).</summary>
    private static string PeerOf(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var forwardedFor = http.Request.Headers["x-forwarded-for"].ToString();
        return forwardedFor.Length == 0 ? peer : $"{peer} for {forwardedFor[..Math.Min(forwardedFor.Length, 200)]}";
    }
}
