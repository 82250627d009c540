using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Interop;

/// <summary>Independent gRPC implementations call a service, and the gateway in front of it, and must see what any
/// gRPC server would give them.</summary>
/// <param name="server">The echo service (and the gateway), whose handler records what it saw.</param>
/// <param name="http2">Where the clients call gRPC (HTTP/2 cleartext).</param>
/// <param name="http1">Where the clients call gRPC-Web (HTTP/1.1).</param>
public abstract class IndependentClientTests(EchoServer server, Uri http2, Uri http1) : IDisposable
{
    private readonly string _descriptors = InteropTools.WriteDescriptorSet();

    [Fact]
    public async Task The_grpc_js_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("node", "grpc-js-client.mjs", http2.Authority, InteropTools.ProtoFile);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_Connect_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("node", "connect-client.mjs", "grpc", http2.ToString().TrimEnd('/'), _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_Connect_client_sees_a_standard_gRPC_Web_server_over_HTTP_1_1()
    {
        var results = await InteropTools.RunClientAsync("node", "connect-client.mjs", "grpc-web", http1.ToString().TrimEnd('/'), _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_grpcio_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("/usr/bin/python3", "grpcio-client.py", http2.Authority, _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    public void Dispose()
    {
        File.Delete(_descriptors);
        GC.SuppressFinalize(this);
    }
}
