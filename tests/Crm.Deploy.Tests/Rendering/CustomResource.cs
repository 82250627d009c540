using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Crm.Deploy.Tests.Rendering;

/// <summary>
/// A resource of an operator's kind (CloudNativePG's Cluster, RabbitMQ's User...): the Kubernetes client has no model
/// for it, so its spec is read loosely, as the nested maps and lists of the YAML.
/// </summary>
public sealed class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public IDictionary<object, object?> Spec { get; set; } = new Dictionary<object, object?>();

    /// <summary>The value at a path of keys and list positions (<c>"managed", "roles", 0, "name"</c>), or null.</summary>
    public object? At(params object[] path)
    {
        object? current = Spec;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (IDictionary<object, object?> map, string key) => map.TryGetValue(key, out var value) ? value : null,
                (IList<object?> list, int index) when index < list.Count => list[index],
                _ => null,
            };
        }

        return current;
    }

    /// <summary>The list at a path, or none.</summary>
    public IEnumerable<IDictionary<object, object?>> ListAt(params object[] path) =>
        (At(path) as IEnumerable<object?> ?? []).OfType<IDictionary<object, object?>>();
}
