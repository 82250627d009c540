using Crm.Grpc.Tests.EchoService;

namespace Crm.Grpc.Tests.Wire;

/// <summary>The bad-input cases sent straight to a service.</summary>
public sealed class BadInputAtTheServiceTests(EchoServer server) : BadInputTests(server, server.Http2Address);
