namespace Crm.Deploy.Tests.Rendering;

/// <summary>The clone these tests run from: the folder above the test's output that holds CrmPlatform.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CrmPlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CrmPlatform.sln above {AppContext.BaseDirectory}: the deploy tests read deploy/k8s and the service projects of the clone they are built in");
    }
}
