using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;

namespace Crm.Deploy.Tests;

/// <summary>The manifests run what the projects build: a release changes the version once and both follow.</summary>
public sealed class ImageTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Workloads_run_exactly_the_images_their_service_projects_publish(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var published = ProjectImages.Published();
        violations.AddUnless(published.Count > 0, "no project under services/ declares a <ContainerRepository>");
        var used = manifests.Containers
            .Where(c => manifests.Workloads.Contains(c.Deployment))
            .ToLookup(c => c.Container.Image ?? string.Empty, c => DocumentNames.Of(c.Deployment, c.Container), StringComparer.Ordinal);
        foreach (var image in used.Where(u => !published.Contains(u.Key)))
        {
            violations.Add($"{string.Join(", ", image)} runs {image.Key}, which no service project publishes");
        }

        foreach (var image in published.Where(p => !used.Contains(p)))
        {
            violations.Add($"no Deployment runs {image}");
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_image_is_pinned_to_a_version(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        foreach (var (deployment, container) in manifests.Containers)
        {
            var image = container.Image ?? string.Empty;
            var name = image[(image.LastIndexOf('/') + 1)..];
            var tag = name.Contains(':', StringComparison.Ordinal) ? name[(name.LastIndexOf(':') + 1)..] : string.Empty;
            violations.AddUnless(
                image.Contains("@sha256:", StringComparison.Ordinal) || (tag.Length > 0 && !string.Equals(tag, "latest", StringComparison.Ordinal)),
                $"{DocumentNames.Of(deployment, container)} runs {image}, which is not pinned to a version");
        }

        violations.AssertNone(overlay);
    }
}
