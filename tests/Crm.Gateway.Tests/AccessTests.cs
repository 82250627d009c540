using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;

namespace Crm.Gateway.Tests;

/// <summary>The gateway checks who may call what before anything is forwarded, with the same table the services use.</summary>
public sealed class AccessTests
{
    private static readonly ServiceDescriptor[] Forwarded =
    [
        Crm.Leads.Grpc.V1.LeadsReflection.Descriptor.Services[0],
        Crm.Opportunities.Grpc.V1.OpportunitiesReflection.Descriptor.Services[0],
        Crm.Forecasts.Grpc.V1.ForecastsReflection.Descriptor.Services[0],
        Crm.Orders.Grpc.V1.OrdersReflection.Descriptor.Services[0],
        Crm.Support.Grpc.V1.SupportReflection.Descriptor.Services[0],
    ];

    [Fact]
    public async Task Every_forwarded_and_composed_method_refuses_bad_tokens_and_the_roles_not_allowed_and_lets_the_others_through()
    {
        // Services that answer every call: whatever reaches them was let through by the gateway.
        var handlers = Forwarded.SelectMany(s => s.Methods).ToDictionary(
            m => $"/{m.Service.FullName}/{m.Name}", _ => StubServices.Reply(new Empty()), StringComparer.Ordinal);
        await using var stubs = await StubServices.StartAsync(handlers);
        var everything = new[] { CrmResources.Leads, CrmResources.Opportunities, CrmResources.Forecasts, CrmResources.Orders, CrmResources.Support }
            .ToDictionary(s => s, _ => stubs.Address);
        await using var gateway = await GatewayHost.StartAsync(everything, TimeSpan.FromSeconds(2));
        using var channel = GrpcChannel.ForAddress(gateway.Address);

        await AccessMatrix.AssertAsync(channel.CreateCallInvoker(), [.. Forwarded, Crm.Gateway.Grpc.V1.CustomerViewReflection.Descriptor.Services[0], Crm.Gateway.Grpc.V1.AuditTrailReflection.Descriptor.Services[0], Crm.Gateway.Grpc.V1.PersonalDataReflection.Descriptor.Services[0]]);
    }
}
