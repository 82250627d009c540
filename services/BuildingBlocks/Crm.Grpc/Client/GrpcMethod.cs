using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Crm.Grpc.Client;

/// <summary>
/// A typed handle on one RPC, made once from the proto's descriptor:
/// <c>static readonly GrpcMethod&lt;CaptureLeadRequest, Lead&gt; Capture = GrpcMethod.For&lt;CaptureLeadRequest, Lead&gt;(LeadsReflection.Descriptor.Services[0], "CaptureLead");</c>
/// </summary>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    internal GrpcMethod(string service, string name)
    {
        Service = service;
        Name = name;
        Path = $"/{service}/{name}";
    }

    public string Service { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 path, <c>/crm.leads.v1.LeadsService/CaptureLead</c>.</summary>
    public string Path { get; }

    internal static MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());
}

/// <summary>Makes <see cref="GrpcMethod{TRequest, TResponse}"/> handles, checking them against the descriptor.</summary>
public static class GrpcMethod
{
    public static GrpcMethod<TRequest, TResponse> For<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(service);
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"{service.FullName} has no method {name}", nameof(name));
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{service.FullName}/{name} takes {method.InputType.ClrType.Name} and returns {method.OutputType.ClrType.Name}", nameof(name));
        }

        return new GrpcMethod<TRequest, TResponse>(service.FullName, name);
    }

    /// <summary>A handle by name alone, unchecked: for a method whose descriptor this process does not have.</summary>
    public static GrpcMethod<TRequest, TResponse> ByName<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new GrpcMethod<TRequest, TResponse>(service, name);
    }
}
