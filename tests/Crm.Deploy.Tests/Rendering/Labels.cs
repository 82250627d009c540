namespace Crm.Deploy.Tests.Rendering;

/// <summary>The labels the manifests select by (deploy/k8s/base).</summary>
public static class Labels
{
    public const string Name = "app.kubernetes.io/name";

    /// <summary>domain-service, gateway, web, identity, or telemetry for the collector.</summary>
    public const string Component = "app.kubernetes.io/component";

    public const string Telemetry = "telemetry";

    public const string DomainService = "domain-service";

    /// <summary>A label's value, or null when there are no labels or not that one.</summary>
    public static string? ValueOf(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;
}
