using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crm.Api.Clients;

/// <summary>
/// Gets tokens from the identity service as its clients do: client credentials for a machine, and for a person the
/// authorization code flow with PKCE through the sign-in page, the way a browser (or <c>./build.sh token</c>) walks it.
/// </summary>
public sealed partial class IdentityClient(Uri issuer, DelegatingHandler? between = null) : IDisposable
{
    /// <summary>The command line's public client and where it is sent back to (nobody listens there).</summary>
    public const string CommandLineClient = "crm-cli";

    public const string CommandLineRedirect = "http://127.0.0.1/callback";

    // A browser: it keeps cookies and shows each redirect. Requests pass through `between` first when given (a test
    // that sends them to several replicas of the identity service in turn).
    private readonly HttpClient _http = new(Browser(between))
    {
        BaseAddress = issuer,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Uri Issuer { get; } = issuer;

    private static HttpMessageHandler Browser(DelegatingHandler? between)
    {
        var browser = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        if (between is null)
        {
            return browser;
        }

        between.InnerHandler = browser;
        return between;
    }

    /// <summary>A machine's token.</summary>
    public Task<TokenResponse> ClientCredentialsAsync(string clientId, string secret, CancellationToken cancellationToken, string scope = "crm") =>
        TokenAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }, cancellationToken);

    /// <summary>A person's tokens: signs in on the page and exchanges the code with its PKCE verifier.</summary>
    public async Task<TokenResponse> SignInAsync(string userName, string password, CancellationToken cancellationToken, string scope = "openid profile roles offline_access crm")
    {
        var code = await AuthorizeAsync(userName, password, cancellationToken, scope);
        return await TokenAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = CommandLineClient,
            ["redirect_uri"] = CommandLineRedirect,
            ["code"] = code.Code,
            ["code_verifier"] = code.Verifier,
        }, cancellationToken);
    }

    /// <summary>A new access token for a refresh token.</summary>
    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = CommandLineClient,
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>Signs in and returns the authorization code with its verifier (the code is not yet exchanged).</summary>
    public async Task<(string Code, string Verifier)> AuthorizeAsync(string userName, string password, CancellationToken cancellationToken, string scope = "openid profile roles offline_access crm")
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"connect/authorize?client_id={CommandLineClient}&response_type=code&scope={Uri.EscapeDataString(scope)}"
            + $"&redirect_uri={Uri.EscapeDataString(CommandLineRedirect)}&code_challenge={challenge}&code_challenge_method=S256&state=t";

        // Not signed in: the authorization endpoint sends the browser to the sign-in page.
        using var first = await _http.GetAsync(new Uri(authorize, UriKind.Relative), cancellationToken);
        var login = first.Headers.Location ?? throw new InvalidOperationException($"authorize answered {(int)first.StatusCode} without a redirect");
        using var page = await _http.GetAsync(login, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var antiforgery = AntiforgeryField().Match(html);
        var returnUrl = ReturnUrlField().Match(html);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
        });
        using var posted = await _http.PostAsync(new Uri("account/login", UriKind.Relative), form, cancellationToken);
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"the sign-in page answered {(int)posted.StatusCode}");
        }

        // Signed in: back to the authorization endpoint, which sends the browser to the client with a code.
        using var back = await _http.GetAsync(posted.Headers.Location, cancellationToken);
        var callback = back.Headers.Location ?? throw new InvalidOperationException($"authorize answered {(int)back.StatusCode} after sign-in");
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        return (query["code"] ?? throw new InvalidOperationException($"no code in {callback.GetLeftPart(UriPartial.Path)}: {query["error"]} {query["error_description"]}"), verifier);
    }

    /// <summary>Whether this client's browser session still signs its person in without asking: the authorization
    /// endpoint, told not to prompt, answers with a code rather than <c>login_required</c>.</summary>
    public async Task<bool> IsSignedInAsync(CancellationToken cancellationToken)
    {
        var challenge = Base64Url(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
        var authorize = $"connect/authorize?client_id={CommandLineClient}&response_type=code&scope=openid&prompt=none"
            + $"&redirect_uri={Uri.EscapeDataString(CommandLineRedirect)}&code_challenge={challenge}&code_challenge_method=S256&state=t";
        using var answer = await _http.GetAsync(new Uri(authorize, UriKind.Relative), cancellationToken);
        return answer.Headers.Location is { } back && System.Web.HttpUtility.ParseQueryString(back.Query)["code"] is not null;
    }

    /// <summary>
    /// Signs out as a link would (a GET without the application's <c>id_token_hint</c>): the identity service asks
    /// first. With <paramref name="confirm"/>, answers the question; with <paramref name="forged"/>, posts without the
    /// question's anti-forgery token, as another site would. Returns the status of the GET and of the POST.
    /// </summary>
    public async Task<(HttpStatusCode Asked, HttpStatusCode? Answered)> SignOutAsync(bool confirm, CancellationToken cancellationToken, bool forged = false)
    {
        using var asked = await _http.GetAsync(new Uri("connect/logout", UriKind.Relative), cancellationToken);
        if (!confirm)
        {
            return (asked.StatusCode, null);
        }

        var antiforgery = AntiforgeryField().Match(await asked.Content.ReadAsStringAsync(cancellationToken));
        var fields = forged
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal) { [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value) };
        using var form = new FormUrlEncodedContent(fields);
        using var answered = await _http.PostAsync(new Uri("connect/logout", UriKind.Relative), form, cancellationToken);
        return (asked.StatusCode, answered.StatusCode);
    }

    /// <summary>Posts to the token endpoint; a refusal comes back with its error, not as an exception.</summary>
    public async Task<TokenResponse> TokenAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(parameters);
        using var response = await _http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        string? Read(string name) => json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenResponse(response.StatusCode, Read("access_token"), Read("refresh_token"), Read("id_token"), Read("error"));
    }

    public void Dispose() => _http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]*)\"", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<value>[^\"]*)\"", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReturnUrlField();
}
