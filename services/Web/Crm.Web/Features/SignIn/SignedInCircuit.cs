using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Crm.Web.Features.SignIn;

/// <summary>
/// When an interactive session opens, reads the access token from the cookie of the request that opened it (the
/// circuit has no request of its own later): the token never goes to the page.
/// </summary>
internal sealed class SignedInCircuit(IHttpContextAccessor http, SignedInUser user) : CircuitHandler
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } context)
        {
            var signedIn = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            user.AccessToken = signedIn.Properties?.GetTokenValue("access_token") ?? user.AccessToken;
        }
    }
}
