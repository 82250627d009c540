using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Security;

/// <summary>
/// Where a refused call is recorded: who (the token's name, or none), what (the method), when, from where and why.
/// A service records it in its own database; the gateway has no trail of its own yet.
/// </summary>
public interface IAccessAudit
{
    /// <param name="refused">The refused call; its user is authenticated unless <paramref name="status"/> is UNAUTHENTICATED.</param>
    /// <param name="status">The status the caller gets.</param>
    /// <param name="reason">Why, in words that hold no token and no personal data.</param>
    Task RecordDenialAsync(HttpContext refused, StatusCode status, string reason);
}
