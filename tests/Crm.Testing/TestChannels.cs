using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace Crm.Testing;

/// <summary>
/// Channels for tests: every call carries a token from the <see cref="TestIssuer"/> (an administrator's, unless the
/// call names its own through <see cref="TestCalls"/>), as every caller of the platform must.
/// </summary>
public static class TestChannels
{
    public static GrpcChannel For(Uri address, GrpcChannelOptions? options = null)
    {
        options ??= new GrpcChannelOptions();
        options.HttpHandler = new DefaultToken(options.HttpHandler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>An HTTP handler that adds the default token to a request that carries none (not to a preflight).</summary>
    public static HttpMessageHandler WithDefaultToken(HttpMessageHandler inner) => new DefaultToken(inner);

    private sealed class DefaultToken(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A browser's CORS preflight carries no credentials; neither does a test's.
            if (request.Method != HttpMethod.Options)
            {
                request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", TestIssuer.Default.TokenFor(TestCalls.DefaultUser));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
