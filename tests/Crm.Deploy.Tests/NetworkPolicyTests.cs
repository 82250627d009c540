using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;
using k8s.Models;

namespace Crm.Deploy.Tests;

/// <summary>Nothing talks unless a policy says so; the outside reaches only the public doors.</summary>
public sealed class NetworkPolicyTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_namespace_denies_all_ingress_and_egress_by_default(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var namespaceWide = manifests.NetworkPolicies.Where(p => LabelSelectors.IsEmpty(p.Spec.PodSelector)).ToList();
        violations.AddUnless(
            namespaceWide.Any(DeniesEverything),
            "no NetworkPolicy with an empty podSelector has policyTypes Ingress and Egress and no rules (the default deny)");

        // A namespace-wide allowance would undo the default for every pod: the only one allowed is DNS.
        foreach (var policy in namespaceWide)
        {
            violations.AddUnless(policy.Spec.Ingress is not { Count: > 0 }, $"{DocumentNames.Of(policy)} lets every pod of the namespace take traffic");
            violations.AddUnless(
                (policy.Spec.Egress ?? []).All(rule => rule.Ports is { Count: > 0 } ports && ports.All(p => p.Port?.Value == "53")),
                $"{DocumentNames.Of(policy)} lets every pod of the namespace send to more than DNS (port 53)");
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Only_the_gateway_web_and_identity_accept_traffic_from_outside_the_namespace(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var pods = manifests.Deployments.Select(PodEndpoint.Of).Append(PodEndpoint.Postgres).Append(PodEndpoint.RabbitMq);
        foreach (var pod in pods)
        {
            var governing = Traffic.Governing(manifests.NetworkPolicies, pod, "Ingress").ToList();
            violations.AddUnless(governing.Count > 0, $"{pod.Description} are selected by no ingress policy, so open to all");
            foreach (var policy in governing)
            {
                foreach (var rule in policy.Spec.Ingress ?? [])
                {
                    CheckOutsiders(policy, rule, pod, violations);
                }
            }
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Domain_services_reach_postgres_and_rabbitmq_and_the_gateway_and_web_reach_neither(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var policies = manifests.NetworkPolicies.ToList();
        var services = manifests.Workloads
            .Where(d => string.Equals(Labels.ValueOf(d.Spec.Template.Metadata.Labels, Labels.Component), Labels.DomainService, StringComparison.Ordinal))
            .ToList();
        var names = services.Select(d => d.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        violations.AddUnless(names.SetEquals(Platform.DomainServices), $"the Deployments labelled {Labels.Component}={Labels.DomainService} are [{string.Join(", ", names.Order(StringComparer.Ordinal))}], not the five domain services");
        foreach (var pod in services.Select(PodEndpoint.Of))
        {
            violations.AddUnless(Traffic.AllowsEgress(policies, pod, PodEndpoint.Postgres, Platform.Postgres), $"{pod.Description} may not reach {PodEndpoint.Postgres.Description} on {Platform.Postgres}");
            violations.AddUnless(Traffic.AllowsEgress(policies, pod, PodEndpoint.RabbitMq, Platform.Amqp), $"{pod.Description} may not reach {PodEndpoint.RabbitMq.Description} on {Platform.Amqp}");
        }

        foreach (var name in new[] { "gateway", "web" })
        {
            var deployment = manifests.Workloads.FirstOrDefault(d => d.Metadata.Name == name);
            violations.AddUnless(deployment is not null, $"no Deployment/{name}");
            if (deployment is not null)
            {
                var pod = PodEndpoint.Of(deployment);
                violations.AddUnless(!Traffic.AllowsEgress(policies, pod, PodEndpoint.Postgres, Platform.Postgres), $"{pod.Description} may reach {PodEndpoint.Postgres.Description}: it has no database");
                violations.AddUnless(!Traffic.AllowsEgress(policies, pod, PodEndpoint.RabbitMq, Platform.Amqp), $"{pod.Description} may reach {PodEndpoint.RabbitMq.Description}: it uses no broker");
            }
        }

        violations.AssertNone(overlay);
    }

    private static bool DeniesEverything(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { } types
        && types.Contains("Ingress", StringComparer.Ordinal)
        && types.Contains("Egress", StringComparer.Ordinal)
        && policy.Spec.Ingress is not { Count: > 0 }
        && policy.Spec.Egress is not { Count: > 0 };

    // From anywhere: only a public door, on its one port. From a named namespace: only a data store, from its operator's.
    private static void CheckOutsiders(V1NetworkPolicy policy, V1NetworkPolicyIngressRule rule, PodEndpoint pod, Violations violations)
    {
        var (fromAnywhere, namespaces) = Traffic.Outsiders(rule);
        var name = Labels.ValueOf(pod.Labels, Labels.Name) ?? string.Empty;
        if (fromAnywhere)
        {
            violations.AddUnless(
                Platform.PublicDoors.TryGetValue(name, out var port) && rule.Ports is { Count: > 0 } ports && ports.All(p => p.Port?.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                $"{DocumentNames.Of(policy)} lets {pod.Description} take traffic from anywhere; only gateway:8081, web:8080 and identity:8080 may");
        }

        foreach (var other in namespaces)
        {
            violations.AddUnless(
                Platform.OperatorNamespaces.TryGetValue(pod, out var operatorNamespace) && operatorNamespace == other,
                $"{DocumentNames.Of(policy)} lets {pod.Description} take traffic from namespace {other}");
        }
    }
}
