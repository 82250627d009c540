using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Interop;

/// <summary>The independent clients calling through the gateway, which forwards to the service with YARP.</summary>
public sealed class IndependentClientsThroughTheGatewayTests(EchoServer server)
    : IndependentClientTests(server, server.GatewayHttp2Address, server.GatewayHttp1Address);
