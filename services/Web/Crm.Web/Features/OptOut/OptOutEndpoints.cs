namespace Crm.Web.Features.OptOut;

/// <summary>Maps <c>/opt-out/{token}</c> (<see cref="OptOutRelay"/>): the page (GET) and the click or one-click unsubscribe (POST).</summary>
public static class OptOutEndpoints
{
    public static WebApplication MapOptOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The POST comes from the leads service's page or from a mail program (RFC 8058), never from one of our forms.
        var optOut = app.MapGroup("/opt-out").AllowAnonymous().DisableAntiforgery();
        optOut.MapGet("/{token}", (string token, OptOutRelay relay, CancellationToken cancellationToken) => relay.PassOnAsync(HttpMethod.Get, token, cancellationToken));
        optOut.MapPost("/{token}", (string token, OptOutRelay relay, CancellationToken cancellationToken) => relay.PassOnAsync(HttpMethod.Post, token, cancellationToken));
        return app;
    }
}
