using Grpc.Core;

namespace Crm.Grpc;

/// <summary>
/// Who is calling, the one definition every service uses: the name the caller's access token gives (its subject, or
/// the claim configured as <c>Identity__NameClaim</c>). Every API requires a token, so a call gets here only with one.
/// </summary>
public static class Caller
{
    /// <summary>What a token without a name is recorded as.</summary>
    public const string Unnamed = "unnamed";

    public static string Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().User.Identity?.Name is { Length: > 0 } name ? name.Trim() : Unnamed;
    }
}
