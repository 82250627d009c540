using System.Net.Security;
using Crm.Grpc.Client;
using Crm.Grpc.Tests.EchoService;
using Crm.Grpc.Tests.V1;

namespace Crm.Grpc.Tests.Client;

/// <summary>Channels: TLS, and one connection pool per target.</summary>
public sealed class ChannelTests(EchoServer server)
{
    [Fact]
    public async Task A_call_over_TLS_negotiates_HTTP_2_and_succeeds_with_a_pinned_certificate()
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == server.Certificate.GetCertHashString(),
            },
        };
        using var channel = GrpcChannel.ForAddress(server.TlsAddress, new GrpcChannelOptions { Handler = handler });
        var reply = await channel.UnaryAsync(EchoMethods.Echo, new EchoRequest { Text = "over tls" }, new CallOptions { CancellationToken = TestContext.Current.CancellationToken });
        Assert.Equal("over tls", reply.Text);
    }

    [Fact]
    public async Task A_certificate_the_client_does_not_trust_makes_the_call_UNAVAILABLE()
    {
        using var channel = GrpcChannel.ForAddress(server.TlsAddress);
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Echo, new EchoRequest(), new CallOptions { CancellationToken = TestContext.Current.CancellationToken }));
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public void The_pool_keeps_one_channel_per_target()
    {
        using var pool = new GrpcChannelPool();
        var first = pool.For(server.Http2Address);
        Assert.Same(first, pool.For(new Uri(server.Http2Address.ToString())));
        Assert.NotSame(first, pool.For(server.Http1Address));
    }
}
