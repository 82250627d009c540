using Grpc.Core;

namespace Crm.Support.Features;

/// <summary>Who is calling, until the security issue brings authentication: the authenticated name, else the
/// <c>x-user-id</c> metadata the gateway forwards, else "anonymous".</summary>
internal static class Caller
{
    public static string IdOf(ServerCallContext context)
    {
        if (context.GetHttpContext().User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return name;
        }

        return context.RequestHeaders.GetValue("x-user-id") is { Length: > 0 } header ? header : "anonymous";
    }
}
