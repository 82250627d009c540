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

    /// <summary>The default caller's token, signed once and again only when it nears its end, not for every call.</summary>
    private static class DefaultTokens
    {
        // One reference, swapped whole: a reader sees an old token or a new one, never half of each.
        private static volatile Tuple<string, DateTime>? _current;

        public static string Current
        {
            get
            {
                var current = _current;
                if (current is null || DateTime.UtcNow >= current.Item2)
                {
                    current = Tuple.Create(TestIssuer.Default.TokenFor(TestCalls.DefaultUser), DateTime.UtcNow.AddMinutes(20));
                    _current = current;
                }

                return current.Item1;
            }
        }
    }

    private sealed class DefaultToken(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A browser's CORS preflight carries no credentials; neither does a test's.
            if (request.Method != HttpMethod.Options)
            {
                request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", DefaultTokens.Current);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
