using k8s.Models;

namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// What the NetworkPolicies of the platform's namespace let through, as a CNI applies them: a pod selected by no
/// policy of a direction is open in it; a selected pod takes or sends only what one of its policies' rules allows.
/// An ipBlock counts as allowing any address (whether it matches pod addresses is the CNI's choice: the
/// conservative reading for a "must not reach" check).
/// </summary>
public static class Traffic
{
    public const string Namespace = "crm";

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public static bool AllowsEgress(IEnumerable<V1NetworkPolicy> policies, PodEndpoint from, PodEndpoint to, int port)
    {
        ArgumentNullException.ThrowIfNull(from);
        var governing = Governing(policies, from, "Egress").ToList();
        return governing.Count == 0 || governing
            .SelectMany(p => p.Spec.Egress ?? [])
            .Any(rule => AllowsPort(rule.Ports, port) && (rule.To is not { Count: > 0 } || rule.To.Any(peer => Reaches(peer, to))));
    }

    /// <summary>The policies selecting <paramref name="pod"/> that govern a direction (Ingress or Egress).</summary>
    public static IEnumerable<V1NetworkPolicy> Governing(IEnumerable<V1NetworkPolicy> policies, PodEndpoint pod, string direction)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return policies.Where(p => LabelSelectors.Matches(p.Spec.PodSelector, pod.Labels) && Governs(p, direction));
    }

    /// <summary>Whether an ingress rule admits a peer from outside the namespace, and which namespace if it names one.</summary>
    public static (bool FromAnywhere, IReadOnlyList<string> Namespaces) Outsiders(V1NetworkPolicyIngressRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.FromProperty is not { Count: > 0 } peers)
        {
            return (true, []);
        }

        var anywhere = peers.Any(p => p.IpBlock is not null || (p.NamespaceSelector is { } ns && NamedNamespace(ns) is null));
        var named = peers
            .Select(p => p.NamespaceSelector is { } ns ? NamedNamespace(ns) : null)
            .OfType<string>()
            .Where(n => !string.Equals(n, Namespace, StringComparison.Ordinal))
            .ToList();
        return (anywhere, named);
    }

    public static bool AllowsPort(IList<V1NetworkPolicyPort>? ports, int port) =>
        ports is not { Count: > 0 } || ports.Any(p =>
            (p.Protocol ?? "TCP") is "TCP" && (p.Port is null || string.Equals(p.Port.Value, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    // policyTypes left out means Ingress, plus Egress when the policy has egress rules.
    private static bool Governs(V1NetworkPolicy policy, string direction) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types
            ? types.Contains(direction, StringComparer.Ordinal)
            : direction == "Ingress" || policy.Spec.Egress is { Count: > 0 };

    private static bool Reaches(V1NetworkPolicyPeer peer, PodEndpoint to)
    {
        if (peer.IpBlock is not null)
        {
            return true;
        }

        var inNamespace = peer.NamespaceSelector is not { } ns || LabelSelectors.Matches(ns, new Dictionary<string, string>(StringComparer.Ordinal) { [NamespaceNameLabel] = Namespace });
        return inNamespace && (peer.PodSelector is null || LabelSelectors.Matches(peer.PodSelector, to.Labels));
    }

    // The one namespace a selector names by its kubernetes.io/metadata.name label, or null when it may take several.
    private static string? NamedNamespace(V1LabelSelector selector) =>
        (selector.MatchExpressions?.Count ?? 0) == 0 && selector.MatchLabels is { Count: 1 } labels && labels.TryGetValue(NamespaceNameLabel, out var name)
            ? name
            : null;
}
