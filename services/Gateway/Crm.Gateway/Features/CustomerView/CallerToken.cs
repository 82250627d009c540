namespace Crm.Gateway.Features.CustomerView;

/// <summary>
/// The customer view asks each service on its caller's behalf: the caller's token goes with every call, so that each
/// service decides what this caller may see, as it does for a forwarded call.
/// </summary>
internal sealed class CallerToken(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
