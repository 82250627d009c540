using CrmPlatform.ServiceDefaults;

namespace Crm.Gateway.Features.Forwarding;

/// <summary>A public proto service and the platform service that owns it.</summary>
/// <param name="Descriptor">The proto service, <c>crm.leads.v1.LeadsService</c>.</param>
/// <param name="Owner">The service whose gRPC endpoint serves it.</param>
public sealed record ServiceRoute(Google.Protobuf.Reflection.ServiceDescriptor Descriptor, CrmService Owner)
{
    public string ProtoService => Descriptor.FullName;
}
