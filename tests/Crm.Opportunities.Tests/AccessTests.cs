extern alias service;

using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using service::Crm.Opportunities;

namespace Crm.Opportunities.Tests;

/// <summary>Who may call what, enforced by the service itself: a call straight to its port is checked as one through the gateway.</summary>
public sealed class AccessTests(CrmTestServers servers)
{
    [Fact]
    public Task Every_method_refuses_bad_tokens_and_the_roles_not_allowed_to_call_it_and_lets_the_others_in() =>
        AccessMatrix.AssertAtServiceAsync(servers, CrmResources.Opportunities, b => b.AddOpportunitiesService(), a => a.MapOpportunitiesService(), Crm.Opportunities.Grpc.V1.OpportunitiesReflection.Descriptor.Services[0]);
}
