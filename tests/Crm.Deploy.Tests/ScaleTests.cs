using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;
using k8s.Models;

namespace Crm.Deploy.Tests;

/// <summary>Production survives a node and a drain; a developer's cluster runs one of each.</summary>
public sealed class ScaleTests
{
    private const string Hostname = "kubernetes.io/hostname";

    [Fact]
    public async Task Prod_runs_three_replicas_of_each_workload_autoscaled_spread_over_nodes_and_kept_through_drains()
    {
        var manifests = await RenderedManifests.OfOverlayAsync("prod", TestContext.Current.CancellationToken);
        var violations = new Violations();
        Assert.NotEmpty(manifests.Workloads);
        foreach (var deployment in manifests.Workloads)
        {
            var where = DocumentNames.Of(deployment);
            violations.AddUnless(deployment.Spec.Replicas == 3, $"{where} has {deployment.Spec.Replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} replicas, not 3");
            CheckAutoscaler(manifests, deployment, violations);
            violations.AddUnless(
                manifests.DisruptionBudgets.Any(b => LabelSelectors.Matches(b.Spec.Selector, deployment.Spec.Template.Metadata.Labels) && (b.Spec.MinAvailable is not null || b.Spec.MaxUnavailable is not null)),
                $"{where} has no PodDisruptionBudget (minAvailable or maxUnavailable) selecting its pods");
            violations.AddUnless(SpreadsOverNodes(deployment), $"{where} has no pod anti-affinity on {Hostname} against its own pods");
        }

        violations.AssertNone("prod");
    }

    [Fact]
    public async Task Dev_runs_one_replica_of_each_workload()
    {
        var manifests = await RenderedManifests.OfOverlayAsync("dev", TestContext.Current.CancellationToken);
        var violations = new Violations();
        Assert.NotEmpty(manifests.Workloads);
        foreach (var deployment in manifests.Workloads)
        {
            // Kubernetes runs one when replicas is left out.
            violations.AddUnless((deployment.Spec.Replicas ?? 1) == 1, $"{DocumentNames.Of(deployment)} has {deployment.Spec.Replicas} replicas, not 1");
        }

        violations.AssertNone("dev");
    }

    private static void CheckAutoscaler(RenderedManifests manifests, V1Deployment deployment, Violations violations)
    {
        var where = DocumentNames.Of(deployment);
        var autoscaler = manifests.Autoscalers.FirstOrDefault(h =>
            string.Equals(h.Spec.ScaleTargetRef.Kind, "Deployment", StringComparison.Ordinal)
            && string.Equals(h.Spec.ScaleTargetRef.Name, deployment.Metadata.Name, StringComparison.Ordinal));
        if (autoscaler is null)
        {
            violations.Add($"{where} has no HorizontalPodAutoscaler");
            return;
        }

        violations.AddUnless(autoscaler.Spec.MinReplicas >= 3, $"{DocumentNames.Of(autoscaler)} may scale {where} below 3 replicas");
        violations.AddUnless(
            autoscaler.Spec.Metrics?.Any(m => string.Equals(m.Resource?.Name, "cpu", StringComparison.Ordinal)) == true,
            $"{DocumentNames.Of(autoscaler)} does not scale {where} on CPU");
    }

    private static bool SpreadsOverNodes(V1Deployment deployment)
    {
        var labels = deployment.Spec.Template.Metadata.Labels;
        var antiAffinity = deployment.Spec.Template.Spec.Affinity?.PodAntiAffinity;
        var terms = (antiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => t.PodAffinityTerm)
            .Concat(antiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []);
        return terms.Any(t =>
            string.Equals(t.TopologyKey, Hostname, StringComparison.Ordinal)
            && t.LabelSelector is not null && !LabelSelectors.IsEmpty(t.LabelSelector) && LabelSelectors.Matches(t.LabelSelector, labels));
    }
}
