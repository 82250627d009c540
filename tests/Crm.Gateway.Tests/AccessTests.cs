using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;

namespace Crm.Gateway.Tests;

/// <summary>The gateway checks who may call what before anything is forwarded, with the same table the services use,
/// and reports each refusal to the service that owns the method.</summary>
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

    private const string AuditTrail = "/crm.audit.v1.AuditService/ListAuditRecords";

    [Fact]
    public async Task Every_forwarded_and_composed_method_refuses_bad_tokens_and_the_roles_not_allowed_and_lets_the_others_through()
    {
        // Services that answer every call: whatever reaches them was let through by the gateway, or is its report of a refusal.
        var handlers = Forwarded.SelectMany(s => s.Methods).ToDictionary(
            m => $"/{m.Service.FullName}/{m.Name}", _ => StubServices.Reply(new Empty()), StringComparer.Ordinal);
        handlers[AuditTrail] = StubServices.Reply(new Empty());
        await using var stubs = await StubServices.StartAsync(handlers);
        var everything = new[] { CrmResources.Leads, CrmResources.Opportunities, CrmResources.Forecasts, CrmResources.Orders, CrmResources.Support }
            .ToDictionary(s => s, _ => stubs.Address);
        // The matrix makes hundreds of calls without a valid token from one address: more than its budget at the gateway.
        var unlimited = new Dictionary<string, string?>(StringComparer.Ordinal) { ["RateLimits:AnonymousCallsPerSecond"] = "100000", ["RateLimits:AnonymousBurst"] = "100000" };
        await using var gateway = await GatewayHost.StartAsync(everything, TimeSpan.FromSeconds(2), unlimited);
        using var channel = GrpcChannel.ForAddress(gateway.Address);

        var refusals = await AccessMatrix.AssertAsync(channel.CreateCallInvoker(), [.. Forwarded, Crm.Gateway.Grpc.V1.CustomerViewReflection.Descriptor.Services[0], Crm.Gateway.Grpc.V1.AuditTrailReflection.Descriptor.Services[0], Crm.Gateway.Grpc.V1.PersonalDataReflection.Descriptor.Services[0]]);

        // Each refusal is reported to the method's owner (a forwarded method at itself, the gateway's own at the
        // trail of the customer master), with the caller's token, so that the owner records it.
        var expected = refusals.GroupBy(r => r.Key.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        IReadOnlyList<(string Path, string Method)> Reports() =>
            [.. stubs.Received.Where(r => r.Headers.ContainsKey(GatewayRefusal.Header)).Select(r => (r.Path, r.Headers[GatewayRefusal.Header].ToString()))];
        Assert.True(
            await Poll.UntilAsync(() => Reports().Count >= expected.Values.Sum(), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken),
            $"{Reports().Count} refusals reported of {expected.Values.Sum()}");
        var reported = Reports();
        Assert.Equal(expected.Values.Sum(), reported.Count);
        foreach (var (method, count) in expected)
        {
            var at = method.StartsWith("/crm.gateway.v1.", StringComparison.Ordinal) ? AuditTrail : method;
            Assert.Equal((method, count), (method, reported.Count(r => r.Method == method && r.Path == at)));
        }
    }
}
