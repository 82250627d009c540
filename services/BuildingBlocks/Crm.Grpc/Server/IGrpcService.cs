using Google.Protobuf.Reflection;

namespace Crm.Grpc.Server;

/// <summary>
/// A class of handlers for one proto service. It names the service's descriptor (from the generated
/// <c>XxxReflection.Descriptor</c>) and has one public method per RPC, named as in the proto:
/// <list type="bullet">
/// <item>unary: <c>Task&lt;GrpcResult&lt;TRes&gt;&gt; Name(TReq request, CallContext context)</c> (or <c>Task&lt;TRes&gt;</c>, or ValueTask of either);</item>
/// <item>server streaming: <c>IAsyncEnumerable&lt;TRes&gt; Name(TReq request, CallContext context)</c>;</item>
/// <item>client streaming: <c>Task&lt;GrpcResult&lt;TRes&gt;&gt; Name(IAsyncEnumerable&lt;TReq&gt; requests, CallContext context)</c>;</item>
/// <item>bidirectional: <c>IAsyncEnumerable&lt;TRes&gt; Name(IAsyncEnumerable&lt;TReq&gt; requests, CallContext context)</c>.</item>
/// </list>
/// A handler that needs no state may be static. Mapping it with <c>app.MapGrpcService&lt;T&gt;()</c> fails at start-up, naming every RPC it lacks.
/// </summary>
public interface IGrpcService
{
    /// <summary>The proto service these handlers implement.</summary>
    static abstract ServiceDescriptor Descriptor { get; }
}
