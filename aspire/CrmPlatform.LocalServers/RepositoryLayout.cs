using System.Globalization;
using System.Reflection;
using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.LocalServers;

/// <summary>Where things are in a checkout: the root, and each built service by the layout's convention.</summary>
public sealed record RepositoryLayout(string Root, string Configuration)
{
    private const string SolutionFile = "CrmPlatform.sln";

    /// <summary>The checkout that holds <paramref name="start"/> (the current folder, then this program's folder).</summary>
    public static RepositoryLayout Find(string? start = null, string? configuration = null)
    {
        foreach (var origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = origin is null ? null : new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return new RepositoryLayout(dir.FullName, configuration ?? BuildConfiguration);
                }
            }
        }

        throw new DirectoryNotFoundException($"no {SolutionFile} above {start ?? Directory.GetCurrentDirectory()}: run from a CrmPlatform checkout");
    }

    /// <summary>Debug or Release: the configuration this library itself was built in, so that a test or the app
    /// host runs services built alongside it.</summary>
    public static string BuildConfiguration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>services/Leads/Crm.Leads/bin/Debug/net10.0/Crm.Leads.dll for the leads service.</summary>
    public string ServiceAssembly(CrmService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var area = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service.Name);
        return Built(Path.Combine("services", area, $"Crm.{area}"), $"Crm.{area}");
    }

    /// <summary>The app host program.</summary>
    public string AppHostAssembly => Built(Path.Combine("aspire", "CrmPlatform.AppHost"), "CrmPlatform.AppHost");

    private string Built(string projectDirectory, string assemblyName) =>
        Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
}
