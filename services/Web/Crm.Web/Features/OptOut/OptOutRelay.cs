using CrmPlatform.ServiceDefaults;

namespace Crm.Web.Features.OptOut;

/// <summary>
/// The opt-out link of every drip e-mail points at the web app, the door people reach; it passes the page and the click
/// on to the leads service's own page (<c>/opt-out/{token}</c> on its HTTP port, which nobody outside reaches) and
/// answers with what that says. Open without signing in: the token of one e-mail is the only key.
/// </summary>
public sealed class OptOutRelay(HttpClient http, IConfiguration configuration, ILogger<OptOutRelay> logger)
{
    /// <summary>The leads service makes 32 lower-case hex digits; anything else is no link of ours.</summary>
    private const int TokenLength = 32;

    public async Task<IResult> PassOnAsync(HttpMethod method, string token, CancellationToken cancellationToken)
    {
        if (token.Length != TokenLength || !token.All(char.IsAsciiHexDigitLower))
        {
            return Results.NotFound();
        }

        if (configuration[CrmResources.Leads.HttpEndpointKey] is not { Length: > 0 } address)
        {
            return Unavailable();
        }

        using var request = new HttpRequestMessage(method, new Uri(new Uri(address), $"/opt-out/{token}"));
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(string.Empty);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var page = await response.Content.ReadAsStringAsync(cancellationToken);
            return Results.Content(page, "text/html; charset=utf-8", statusCode: (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("The leads service's opt-out page did not answer: {Reason}", ex.Message);
            return Unavailable();
        }
    }

    private static IResult Unavailable() => Results.Content(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Try again</title></head><body><h1>Try again in a few minutes</h1><p>We could not record your choice just now.</p></body></html>",
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
