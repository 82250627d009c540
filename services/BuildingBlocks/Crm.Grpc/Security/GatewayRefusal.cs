using Microsoft.AspNetCore.Http;

namespace Crm.Grpc.Security;

/// <summary>
/// How a refusal at the gateway reaches the owning service's audit trail: the gateway sends the owner a call with the
/// caller's own token and this header, naming the method it refused. The owner checks the token itself (so the record
/// says who called as the owner sees it, never as the gateway claims), refuses the call whatever the caller's roles,
/// and records it under the method named. A caller who sends the header refuses only their own call.
/// </summary>
public static class GatewayRefusal
{
    /// <summary>The method the gateway refused (<c>/package.Service/Method</c>).</summary>
    public const string Header = "crm-refused-method";

    /// <summary>Whether the call is the gateway's report of a refusal.</summary>
    public static bool IsReport(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Headers.ContainsKey(Header);
    }

    /// <summary>The method a call is about: the one the gateway refused, when it reports a refusal of a method the
    /// platform knows; the path called otherwise.</summary>
    public static string MethodOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var refused = http.Request.Headers[Header].ToString();
        return refused.Length > 0 && MethodAccess.Knows(refused) ? refused : http.Request.Path.Value ?? string.Empty;
    }
}
