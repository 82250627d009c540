namespace Crm.Identity;

/// <summary>Secrets handed over as files (Kubernetes secrets mounted as volumes, the app host's <c>.crm/secrets/</c>).</summary>
internal static class SecretFile
{
    /// <summary>The file's content without surrounding white space, or null when no file is named.</summary>
    public static string? Read(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : File.ReadAllText(path).Trim();
}
