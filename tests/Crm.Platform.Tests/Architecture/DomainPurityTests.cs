using System.Text.RegularExpressions;
using CrmPlatform.LocalServers;

namespace Crm.Platform.Tests.Architecture;

/// <summary>
/// Every service's entities know nothing of the wire or the database: no file under a <c>Domain</c> folder names a gRPC
/// or protobuf type (generated API types live in <c>*.Grpc.V1</c> namespaces) or EF Core. Mapping lives in Features and
/// Data.
/// </summary>
public sealed partial class DomainPurityTests
{
    [Fact]
    public void No_domain_file_names_a_grpc_protobuf_or_ef_core_type()
    {
        var services = Path.Combine(RepositoryLayout.Find().Root, "services");
        var domainFiles = Directory.EnumerateFiles(services, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(services, f).Split(Path.DirectorySeparatorChar) is var parts
                        && parts.Contains("Domain") && !parts.Contains("bin") && !parts.Contains("obj"))
            .ToList();

        // The scan must see the five services' domains, or it proves nothing.
        Assert.True(domainFiles.Count >= 30, $"only {domainFiles.Count} domain files found under {services}");
        Assert.Equal(5, domainFiles.Select(f => Path.GetRelativePath(services, f).Split(Path.DirectorySeparatorChar)[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(domainFiles.Where(f => Transport().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(services, f)));
    }

    [GeneratedRegex(@"\bGrpc\b|Google\.Protobuf|EntityFrameworkCore", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Transport();
}
