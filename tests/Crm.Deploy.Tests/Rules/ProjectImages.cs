using System.Xml.Linq;
using Crm.Deploy.Tests.Rendering;

namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// The images the service projects publish: each project's <c>ContainerRepository</c>, tagged with its
/// <c>ContainerImageTag</c>, which Directory.Build.targets sets to the platform's <c>Version</c> (Directory.Build.props)
/// for every project that names a repository (the SDK's own default would be <c>latest</c>).
/// </summary>
public static class ProjectImages
{
    private const string VersionReference = "$(Version)";

    public static IReadOnlySet<string> Published()
    {
        var props = RepositoryRoot.Combine("Directory.Build.props");
        var version = Property(props, "Version") ?? throw new InvalidOperationException($"{props} sets no <Version>");
        var targets = RepositoryRoot.Combine("Directory.Build.targets");
        var defaultTag = Property(targets, "ContainerImageTag")
            ?? throw new InvalidOperationException($"{targets} sets no <ContainerImageTag>: the SDK would tag every image `latest`");
        return Directory.EnumerateFiles(RepositoryRoot.Combine("services"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => (Repository: Property(project, "ContainerRepository"), Tag: Property(project, "ContainerImageTag") ?? defaultTag))
            .Where(image => image.Repository is not null)
            .Select(image => $"{image.Repository}:{image.Tag.Replace(VersionReference, version, StringComparison.Ordinal)}")
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string? Property(string project, string name) =>
        XDocument.Load(project).Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
}
