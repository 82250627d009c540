using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Wire;

/// <summary>The bad-input cases sent to the gateway, which forwards them to the service.</summary>
public sealed class BadInputThroughTheGatewayTests(EchoServer server) : BadInputTests(server, server.GatewayHttp2Address);
