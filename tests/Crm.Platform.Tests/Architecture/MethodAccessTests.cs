using Crm.Grpc.Security;

namespace Crm.Platform.Tests.Architecture;

/// <summary>Every RPC of the public APIs has a rule of who may call it, and every rule is for an RPC that exists.</summary>
public sealed class MethodAccessTests
{
    [Fact]
    public void Every_RPC_of_every_API_says_which_roles_may_call_it()
    {
        var rpcs = new[]
        {
            Crm.Leads.Grpc.V1.LeadsReflection.Descriptor, Crm.Opportunities.Grpc.V1.OpportunitiesReflection.Descriptor,
            Crm.Forecasts.Grpc.V1.ForecastsReflection.Descriptor, Crm.Orders.Grpc.V1.OrdersReflection.Descriptor,
            Crm.Support.Grpc.V1.SupportReflection.Descriptor, Crm.Gateway.Grpc.V1.CustomerViewReflection.Descriptor,
            Crm.Audit.Grpc.V1.AuditReflection.Descriptor, Crm.Gateway.Grpc.V1.AuditTrailReflection.Descriptor,
            Crm.Privacy.Grpc.V1.PrivacyReflection.Descriptor, Crm.Gateway.Grpc.V1.PersonalDataReflection.Descriptor,
            Crm.Feed.Grpc.V1.FeedReflection.Descriptor,
        }.SelectMany(f => f.Services).SelectMany(s => s.Methods).Select(m => $"/{m.Service.FullName}/{m.Name}").ToList();

        // A rule with no role is for administrators only (the audit trail, personal data); a method with no rule at all is a mistake.
        Assert.Empty(rpcs.Except(MethodAccess.Methods, StringComparer.Ordinal));
        Assert.Empty(MethodAccess.Methods.Except(rpcs, StringComparer.Ordinal));
        Assert.All(MethodAccess.Methods, m => Assert.All(MethodAccess.RolesFor(m), role => Assert.Contains(role, CrmRoles.All, StringComparer.Ordinal)));
    }
}
