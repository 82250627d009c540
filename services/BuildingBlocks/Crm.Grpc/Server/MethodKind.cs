namespace Crm.Grpc.Server;

/// <summary>The four shapes of an RPC.</summary>
internal enum MethodKind
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    Duplex,
}
