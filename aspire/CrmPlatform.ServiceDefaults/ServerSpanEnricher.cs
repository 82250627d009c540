using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// ASP.NET Core starts a server activity for every request but, without the instrumentation package (not on this
/// feed), leaves it bare. This adds OpenTelemetry's HTTP semantic-convention tags and names the span
/// "METHOD route", so that a trace viewer shows what was called and how it ended.
/// </summary>
internal sealed class ServerSpanEnricher(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        activity.SetTag("http.request.method", context.Request.Method);
        activity.SetTag("url.scheme", context.Request.Scheme);
        activity.SetTag("url.path", context.Request.Path.Value);
        activity.SetTag("network.protocol.version", context.Request.Protocol.Replace("HTTP/", string.Empty, StringComparison.Ordinal));
        try
        {
            await next(context);
        }
        finally
        {
            if ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } route)
            {
                activity.SetTag("http.route", route);

                // A protocol layer (gRPC) may have named the span after its own conventions already.
                if (activity.DisplayName == activity.OperationName)
                {
                    activity.DisplayName = $"{context.Request.Method} {route}";
                }
            }

            activity.SetTag("http.response.status_code", context.Response.StatusCode);
        }
    }
}
