using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Crm.Deploy.Tests.Rendering;

/// <summary>
/// Every document an overlay renders, as typed models. Each overlay is rendered once per test run and shared by the
/// tests; parsing is strict, so a misspelt field of a Kubernetes kind fails here rather than being silently dropped.
/// </summary>
public sealed class RenderedManifests(string overlay, IReadOnlyList<object> documents)
{
    /// <summary>The operators' kinds that the manifests use, each read as a <see cref="CustomResource"/>.</summary>
    private static readonly Dictionary<string, Type> OperatorKinds = new(StringComparer.Ordinal)
    {
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CustomResource),
        ["postgresql.cnpg.io/v1/Database"] = typeof(CustomResource),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(CustomResource),
        ["barmancloud.cnpg.io/v1/ObjectStore"] = typeof(CustomResource),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(CustomResource),
        ["rabbitmq.com/v1beta1/User"] = typeof(CustomResource),
        ["rabbitmq.com/v1beta1/Permission"] = typeof(CustomResource),
    };

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifests>>> Rendered = new(StringComparer.Ordinal);

    public string Overlay => overlay;

    public IReadOnlyList<object> Documents => documents;

    public IEnumerable<V1Deployment> Deployments => documents.OfType<V1Deployment>();

    /// <summary>The platform's eight programs: every Deployment but the telemetry collector.</summary>
    public IEnumerable<V1Deployment> Workloads =>
        Deployments.Where(d => !string.Equals(Labels.ValueOf(d.Spec.Template.Metadata.Labels, Labels.Component), Labels.Telemetry, StringComparison.Ordinal));

    /// <summary>Every container of every Deployment, init containers included, with the Deployment it belongs to.</summary>
    public IEnumerable<(V1Deployment Deployment, V1Container Container)> Containers =>
        Deployments.SelectMany(d => (d.Spec.Template.Spec.InitContainers ?? []).Concat(d.Spec.Template.Spec.Containers).Select(c => (d, c)));

    public IEnumerable<V1NetworkPolicy> NetworkPolicies => documents.OfType<V1NetworkPolicy>();

    public IEnumerable<V1Secret> Secrets => documents.OfType<V1Secret>();

    public IEnumerable<V2HorizontalPodAutoscaler> Autoscalers => documents.OfType<V2HorizontalPodAutoscaler>();

    public IEnumerable<V1PodDisruptionBudget> DisruptionBudgets => documents.OfType<V1PodDisruptionBudget>();

    public IEnumerable<CustomResource> OfKind(string kind) =>
        documents.OfType<CustomResource>().Where(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));

    /// <summary>deploy/k8s/overlays/<paramref name="name"/>, rendered and parsed.</summary>
    public static Task<RenderedManifests> OfOverlayAsync(string name, CancellationToken cancellationToken) =>
        // Rendered without the first caller's token, since later callers share the result; each caller waits with its own.
        Rendered.GetOrAdd(name, n => new Lazy<Task<RenderedManifests>>(() => RenderAsync(n))).Value.WaitAsync(cancellationToken);

    private static async Task<RenderedManifests> RenderAsync(string name)
    {
        var yaml = await Kustomize.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "overlays", name), CancellationToken.None);
        return new RenderedManifests(name, KubernetesYaml.LoadAllFromString(yaml, OperatorKinds, strict: true));
    }
}
