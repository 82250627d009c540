using Google.Protobuf.Reflection;

namespace Crm.Grpc.Server;

/// <summary>The services this server maps, for reflection and health, and whether the fallback is in place.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly List<ServiceDescriptor> _services = [];
    private readonly Lock _gate = new();
    private bool _fallbackMapped;

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services];
            }
        }
    }

    public bool Contains(string serviceName) => Services.Any(s => s.FullName == serviceName);

    /// <summary>Describes a service this server answers by other means (the gateway forwards it), so that reflection
    /// lists it and health knows its name.</summary>
    public void Describe(ServiceDescriptor service) => Add(service);

    internal void Add(ServiceDescriptor service)
    {
        lock (_gate)
        {
            if (_services.Exists(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"{service.FullName} is mapped twice");
            }

            _services.Add(service);
        }
    }

    /// <summary>True the first time: the UNIMPLEMENTED fallback is mapped once.</summary>
    internal bool TakeFallback()
    {
        lock (_gate)
        {
            var first = !_fallbackMapped;
            _fallbackMapped = true;
            return first;
        }
    }
}
