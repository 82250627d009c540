using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Logging;

namespace Crm.Grpc.Server;

/// <summary>Matches a handler class to its proto service, method by method, and fails naming every RPC it lacks.</summary>
internal static class GrpcServiceBinder
{
    public static IReadOnlyList<IServerMethod> Bind(Type serviceType, ServiceDescriptor descriptor, GrpcServerOptions options, GrpcCors cors, ILogger logger)
    {
        var bound = new List<IServerMethod>();
        var missing = new List<string>();
        foreach (var method in descriptor.Methods)
        {
            var kind = (method.IsClientStreaming, method.IsServerStreaming) switch
            {
                (false, false) => MethodKind.Unary,
                (false, true) => MethodKind.ServerStreaming,
                (true, false) => MethodKind.ClientStreaming,
                _ => MethodKind.Duplex,
            };
            var request = method.InputType.ClrType;
            var response = method.OutputType.ClrType;
            var argument = kind is MethodKind.ClientStreaming or MethodKind.Duplex ? typeof(IAsyncEnumerable<>).MakeGenericType(request) : request;
            var info = serviceType.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static, [argument, typeof(CallContext)]);
            var handler = info is null ? null : Adapt(serviceType, argument, response, kind, info);
            if (handler is null)
            {
                missing.Add(Expected(method.Name, kind, request, response));
                continue;
            }

            var serverMethod = typeof(ServerMethod<,,>).MakeGenericType(serviceType, request, response);
            bound.Add((IServerMethod)Activator.CreateInstance(serverMethod, kind, descriptor.FullName, method.Name, handler, options, cors, info!.IsStatic, logger)!);
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{serviceType.Name} does not implement every RPC of {descriptor.FullName}; add: {string.Join("; ", missing)}");
        }

        return bound;
    }

    private static Delegate? Adapt(Type serviceType, Type argument, Type response, MethodKind kind, MethodInfo info)
    {
        var adapter = typeof(HandlerAdapter<,,>).MakeGenericType(serviceType, argument, response);
        var factory = adapter.GetMethod(kind is MethodKind.Unary or MethodKind.ClientStreaming ? "Single" : "Stream")!;
        return (Delegate?)factory.Invoke(null, [info]);
    }

    private static string Expected(string name, MethodKind kind, Type request, Type response) => kind switch
    {
        MethodKind.Unary => $"Task<GrpcResult<{response.Name}>> {name}({request.Name} request, CallContext context)",
        MethodKind.ServerStreaming => $"IAsyncEnumerable<{response.Name}> {name}({request.Name} request, CallContext context)",
        MethodKind.ClientStreaming => $"Task<GrpcResult<{response.Name}>> {name}(IAsyncEnumerable<{request.Name}> requests, CallContext context)",
        _ => $"IAsyncEnumerable<{response.Name}> {name}(IAsyncEnumerable<{request.Name}> requests, CallContext context)",
    };
}
