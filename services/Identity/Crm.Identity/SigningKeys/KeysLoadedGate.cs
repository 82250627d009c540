namespace Crm.Identity.SigningKeys;

/// <summary>
/// Until the key ring is loaded, the OpenID Connect endpoints answer 503 with Retry-After instead of handing out
/// throw-away keys or tokens signed with them.
/// </summary>
internal sealed class KeysLoadedGate(RequestDelegate next, KeyRing ring)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!ring.IsLoaded && (path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        return next(context);
    }
}
