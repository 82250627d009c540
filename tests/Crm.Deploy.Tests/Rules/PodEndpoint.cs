using k8s.Models;

namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// Pods as a NetworkPolicy sees them: their labels, in the platform's namespace. The data stores' pods are made by
/// their operators, so their labels are the operators' (CloudNativePG's cnpg.io/cluster, RabbitMQ's
/// app.kubernetes.io/name), not the manifests'.
/// </summary>
public sealed record PodEndpoint(string Description, IDictionary<string, string> Labels)
{
    public static PodEndpoint Postgres { get; } = new(
        "the PostgreSQL pods",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["cnpg.io/cluster"] = "crm-postgres", ["cnpg.io/instanceRole"] = "primary" });

    public static PodEndpoint RabbitMq { get; } = new(
        "the RabbitMQ pods",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = "crm-rabbitmq", ["app.kubernetes.io/component"] = "rabbitmq" });

    public static PodEndpoint Of(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new($"the pods of Deployment/{deployment.Metadata.Name}", deployment.Spec.Template.Metadata.Labels);
    }
}
