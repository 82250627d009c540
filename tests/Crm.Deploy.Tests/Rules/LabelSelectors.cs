using k8s.Models;

namespace Crm.Deploy.Tests.Rules;

/// <summary>Whether a label selector picks a set of labels, as the API server decides it.</summary>
public static class LabelSelectors
{
    /// <summary>An empty selector (no labels, no expressions): in a NetworkPolicy, every pod of the namespace.</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);

    public static bool Matches(V1LabelSelector selector, IDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>(StringComparer.Ordinal))
            .All(l => labels.TryGetValue(l.Key, out var value) && string.Equals(value, l.Value, StringComparison.Ordinal));
        return byLabels && (selector.MatchExpressions ?? []).All(e => Matches(e, labels));
    }

    private static bool Matches(V1LabelSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(requirement.Key, out var value);
        var listed = has && (requirement.Values ?? []).Contains(value, StringComparer.Ordinal);
        return requirement.OperatorProperty switch
        {
            "In" => listed,
            "NotIn" => !listed,
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => throw new InvalidOperationException($"unknown selector operator {requirement.OperatorProperty}"),
        };
    }
}
