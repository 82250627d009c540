using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Interop;

/// <summary>Independent gRPC implementations call our server and must see what any gRPC server would give them.</summary>
public sealed class IndependentClientTests(EchoServer server) : IDisposable
{
    private readonly string _descriptors = InteropTools.WriteDescriptorSet();

    [Fact]
    public async Task The_grpc_js_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("node", "grpc-js-client.mjs", server.Http2Address.Authority, InteropTools.ProtoFile);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_Connect_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("node", "connect-client.mjs", "grpc", server.Http2Address.ToString().TrimEnd('/'), _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_Connect_client_sees_a_standard_gRPC_Web_server_over_HTTP_1_1()
    {
        var results = await InteropTools.RunClientAsync("node", "connect-client.mjs", "grpc-web", server.Http1Address.ToString().TrimEnd('/'), _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    [Fact]
    public async Task The_grpcio_client_sees_a_standard_gRPC_server()
    {
        var results = await InteropTools.RunClientAsync("/usr/bin/python3", "grpcio-client.py", server.Http2Address.Authority, _descriptors);
        await InteropCases.AssertAllAsync(results, server);
    }

    public void Dispose() => File.Delete(_descriptors);
}
