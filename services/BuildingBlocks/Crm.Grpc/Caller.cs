using Grpc.Core;

namespace Crm.Grpc;

/// <summary>
/// Who is calling, the one definition every service uses until the security issue brings tokens: the authenticated
/// user's name, else the <c>x-user-id</c> metadata the gateway forwards (trimmed), else "anonymous".
/// </summary>
public static class Caller
{
    public const string UserIdHeader = "x-user-id";

    public const string Anonymous = "anonymous";

    public static string Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetHttpContext().User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return name;
        }

        return context.RequestHeaders.GetValue(UserIdHeader)?.Trim() is { Length: > 0 } id ? id : Anonymous;
    }
}
