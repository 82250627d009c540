using Grpc.Core;

namespace Crm.Leads.Features.Shared;

/// <summary>
/// Who is calling, until the security issue brings tokens: the authenticated user's name, else the <c>x-user-id</c>
/// metadata the gateway forwards, else "anonymous".
/// </summary>
internal static class Caller
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

        return context.RequestHeaders.GetValue(UserIdHeader) is { Length: > 0 } id ? id.Trim() : Anonymous;
    }
}
