using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;

namespace Crm.Deploy.Tests;

/// <summary>Secrets are referenced by the manifests and made in the cluster (docs/deploy.md), never committed.</summary>
public sealed class SecretTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_credential_in_the_environment_comes_from_a_secret(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        foreach (var (deployment, container) in manifests.Containers)
        {
            var where = DocumentNames.Of(deployment, container);
            foreach (var problem in CredentialVariables.Problems(container.Env).Concat(SecretFiles.Problems(container, deployment.Spec.Template.Spec)))
            {
                violations.Add($"{where}: {problem}");
            }
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task No_secret_value_is_rendered(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        foreach (var secret in manifests.Secrets)
        {
            violations.AddUnless(
                (secret.Data?.Count ?? 0) == 0 && (secret.StringData?.Count ?? 0) == 0,
                $"{DocumentNames.Of(secret)} is rendered with its values: create it in the cluster instead (docs/deploy.md)");
        }

        violations.AssertNone(overlay);
    }
}
