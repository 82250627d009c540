using k8s.Models;

namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// A variable that names a credential's file (<c>SignIn__ClientSecretFile</c>) must point into a volume mounted from a
/// Secret, at a file that volume really holds: otherwise the program starts without its secret.
/// </summary>
public static class SecretFiles
{
    public static IEnumerable<string> Problems(V1Container container, V1PodSpec pod)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(pod);
        return (container.Env ?? [])
            .Where(v => CredentialVariables.NamesAFile(v.Name) && CredentialVariables.NamesACredential(v.Name))
            .Select(v => ProblemOf(v, container, pod))
            .OfType<string>();
    }

    private static string? ProblemOf(V1EnvVar variable, V1Container container, V1PodSpec pod)
    {
        var path = variable.Value ?? string.Empty;
        var mount = (container.VolumeMounts ?? []).FirstOrDefault(m => path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
        var volume = mount is null ? null : pod.Volumes?.FirstOrDefault(v => string.Equals(v.Name, mount.Name, StringComparison.Ordinal));
        if (mount is null || volume?.Secret is not { } secret)
        {
            return $"env {variable.Name}: {path} is not in a volume mounted from a Secret";
        }

        var file = path[(mount.MountPath.TrimEnd('/').Length + 1)..];
        return secret.Items is { Count: > 0 } items && !items.Any(i => string.Equals(i.Path, file, StringComparison.Ordinal))
            ? $"env {variable.Name}: volume {volume.Name} (Secret {secret.SecretName}) does not hold {file}"
            : null;
    }
}
