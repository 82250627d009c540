using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;

namespace Crm.Deploy.Tests;

/// <summary>Every container is probed, bounded and unprivileged, in every environment.</summary>
public sealed class WorkloadHardeningTests
{
    private static readonly string[] Resources = ["cpu", "memory"];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_container_has_readiness_and_liveness_probes_and_cpu_and_memory_requests_and_limits(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        Assert.NotEmpty(manifests.Deployments);
        foreach (var (deployment, container) in manifests.Containers)
        {
            var where = DocumentNames.Of(deployment, container);
            violations.AddUnless(container.ReadinessProbe is not null, $"{where} has no readiness probe: it would take calls before it can serve them");
            violations.AddUnless(container.LivenessProbe is not null, $"{where} has no liveness probe: a hung process would never be restarted");
            foreach (var resource in Resources)
            {
                violations.AddUnless(container.Resources?.Requests?.ContainsKey(resource) == true, $"{where} requests no {resource}");
                violations.AddUnless(container.Resources?.Limits?.ContainsKey(resource) == true, $"{where} has no {resource} limit");
            }
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_container_runs_as_non_root_on_a_read_only_root_filesystem_without_privilege_escalation(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        foreach (var (deployment, container) in manifests.Containers)
        {
            var where = DocumentNames.Of(deployment, container);
            var pod = deployment.Spec.Template.Spec.SecurityContext;
            var own = container.SecurityContext;
            // A container's own setting wins over the pod's.
            violations.AddUnless((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{where} may run as root: runAsNonRoot is true neither for it nor for its pod");
            violations.AddUnless((own?.RunAsUser ?? pod?.RunAsUser) != 0, $"{where} runs as uid 0");
            violations.AddUnless(own?.ReadOnlyRootFilesystem == true, $"{where} can write its root filesystem (readOnlyRootFilesystem is not true)");
            violations.AddUnless(own?.AllowPrivilegeEscalation == false, $"{where} may gain privileges (allowPrivilegeEscalation is not false)");
            violations.AddUnless(own?.Capabilities?.Drop?.Contains("ALL", StringComparer.Ordinal) == true, $"{where} keeps Linux capabilities (capabilities.drop lacks ALL)");
        }

        violations.AssertNone(overlay);
    }
}
