using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Interop;

/// <summary>The independent clients calling the service itself.</summary>
public sealed class IndependentClientsAtTheServiceTests(EchoServer server) : IndependentClientTests(server, server.Http2Address, server.Http1Address);
