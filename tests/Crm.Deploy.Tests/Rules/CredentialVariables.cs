using System.Text.RegularExpressions;
using k8s.Models;

namespace Crm.Deploy.Tests.Rules;

/// <summary>
/// Environment variables that hold a credential must take it from a Secret: by a secretKeyRef, or by <c>$(VAR)</c>
/// references to variables above them that do (the kubelet expands only those already defined). That goes for a
/// variable whose name says credential and for a password inside a connection string or an AMQP address alike.
/// A variable naming a file (<c>...SecretFile</c>) holds a path, which <see cref="SecretFiles"/> checks.
/// </summary>
public static partial class CredentialVariables
{
    private static readonly string[] CredentialWords = ["PASSWORD", "SECRET", "TOKEN", "KEY"];

    public static bool NamesACredential(string name) =>
        CredentialWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static bool NamesAFile(string name) => name.EndsWith("File", StringComparison.Ordinal);

    /// <summary>What is wrong with the credentials of one container's environment, in order.</summary>
    public static IEnumerable<string> Problems(IList<V1EnvVar>? environment)
    {
        var fromSecrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in environment ?? [])
        {
            if (ProblemOf(variable, fromSecrets) is { } problem)
            {
                yield return $"env {variable.Name}: {problem}";
            }

            if (variable.ValueFrom?.SecretKeyRef is not null)
            {
                fromSecrets.Add(variable.Name);
            }
        }
    }

    private static string? ProblemOf(V1EnvVar variable, HashSet<string> fromSecrets)
    {
        if (variable.ValueFrom?.SecretKeyRef is not null || NamesAFile(variable.Name))
        {
            return null;
        }

        if (NamesACredential(variable.Name))
        {
            return variable.Value is { } value && OnlySecretReferences(value, fromSecrets)
                ? null
                : "its name says it holds a credential, but it is neither a secretKeyRef nor made only of $(VAR)s of Secrets defined above it";
        }

        return EmbeddedPasswords(variable.Value ?? string.Empty).All(p => OnlySecretReferences(p, fromSecrets))
            ? null
            : "it carries a password that is not a $(VAR) of a Secret defined above it";
    }

    private static bool OnlySecretReferences(string value, HashSet<string> fromSecrets)
    {
        var whole = OnlyReferences().Match(value);
        return whole.Success && whole.Groups["name"].Captures.All(c => fromSecrets.Contains(c.Value));
    }

    private static IEnumerable<string> EmbeddedPasswords(string value) =>
        ConnectionStringPassword().Matches(value).Concat(AddressPassword().Matches(value)).Select(m => m.Groups["password"].Value);

    [GeneratedRegex(@"^(\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\))+$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OnlyReferences();

    [GeneratedRegex(@"(^|;)\s*(Password|Pwd)\s*=(?<password>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^:/@\s]+:(?<password>[^@\s]*)@", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AddressPassword();
}
