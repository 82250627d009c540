using Crm.Grpc.Tests.EchoService;

[assembly: AssemblyFixture(typeof(EchoServer))]
