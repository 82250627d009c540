using System.Data.Common;
using System.Text.RegularExpressions;
using Crm.Deploy.Tests.Rendering;
using Crm.Deploy.Tests.Rules;
using k8s.Models;

namespace Crm.Deploy.Tests;

/// <summary>
/// A service's connection strings, the operators' resources and the Secrets agree: it connects to its own database
/// as the role that owns it, with that role's password, and to the broker as a user the topology operator manages.
/// </summary>
public sealed partial class DataStoreTests
{
    private const string Postgres = "crm-postgres";

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Each_service_connects_to_its_own_database_as_the_role_that_owns_it(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var cluster = Assert.Single(manifests.OfKind("Cluster"), c => c.Metadata.Name == Postgres);
        var roles = RolePasswordSecrets(cluster);
        var owners = DatabaseOwners(manifests);
        foreach (var (deployment, container) in manifests.Containers)
        {
            var databaseConnections = (container.Env ?? []).Where(v =>
                v.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && v.Value?.Contains($"Host={Postgres}", StringComparison.Ordinal) == true);
            foreach (var variable in databaseConnections)
            {
                var where = $"{DocumentNames.Of(deployment, container)} env {variable.Name}";
                var name = variable.Name["ConnectionStrings__".Length..];
                var parts = new DbConnectionStringBuilder { ConnectionString = variable.Value };
                var (database, role) = (Part(parts, "Database"), Part(parts, "Username"));
                violations.AddUnless(database == name && role == name, $"{where} connects to database {database} as {role}, not to {name} as {name}");
                violations.AddUnless(owners.GetValueOrDefault(name) == name, $"{where}: no Database resource makes {name} owned by role {name}");
                violations.AddUnless(
                    roles.TryGetValue(name, out var roleSecret) && roleSecret == SecretBehind(container, Part(parts, "Password")),
                    $"{where}: Cluster/{Postgres} manages no role {name} whose passwordSecret is the Secret its password comes from");
            }
        }

        violations.AssertNone(overlay);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Each_domain_service_connects_to_the_broker_as_its_own_managed_user(string overlay)
    {
        var manifests = await RenderedManifests.OfOverlayAsync(overlay, TestContext.Current.CancellationToken);
        var violations = new Violations();
        var users = manifests.OfKind("User").ToDictionary(u => $"{u.At("importCredentialsSecret", "name")}", u => u.Metadata.Name, StringComparer.Ordinal);
        var permitted = manifests.OfKind("Permission").Select(p => $"{p.At("userReference", "name")}").ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (deployment, container) in manifests.Containers.Where(c => Platform.DomainServices.Contains(c.Deployment.Metadata.Name)))
        {
            var where = DocumentNames.Of(deployment, container);
            var address = (container.Env ?? []).FirstOrDefault(v => v.Name == "ConnectionStrings__messaging")?.Value ?? string.Empty;
            var match = BrokerAddress().Match(address);
            violations.AddUnless(match.Success && match.Groups["user"].Value == deployment.Metadata.Name, $"{where}: ConnectionStrings__messaging is not amqp://{deployment.Metadata.Name}:$(VAR)@crm-rabbitmq:5672");
            var secret = match.Success ? SecretBehind(container, match.Groups["password"].Value) : null;
            violations.AddUnless(secret is not null && seen.Add(secret), $"{where}: its broker password comes from no Secret, or from one another service uses too");
            violations.AddUnless(
                secret is not null && users.TryGetValue(secret, out var user) && permitted.Contains(user),
                $"{where}: no User with importCredentialsSecret {secret} and a Permission for it");
        }

        violations.AssertNone(overlay);
    }

    private static string Part(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) ? $"{value}" : string.Empty;

    // Each managed role of the cluster, with the Secret that holds its password.
    private static Dictionary<string, string?> RolePasswordSecrets(CustomResource cluster) =>
        cluster.ListAt("managed", "roles").ToDictionary(
            role => $"{role["name"]}",
            role => role.TryGetValue("passwordSecret", out var secret) && secret is IDictionary<object, object?> reference ? $"{reference["name"]}" : null,
            StringComparer.Ordinal);

    // Each database of the cluster, with the role that owns it.
    private static Dictionary<string, string> DatabaseOwners(RenderedManifests manifests) =>
        manifests.OfKind("Database")
            .Where(database => $"{database.At("cluster", "name")}" == Postgres)
            .ToDictionary(database => $"{database.At("name")}", database => $"{database.At("owner")}", StringComparer.Ordinal);

    // The Secret a value such as $(DB_PASSWORD) is taken from, through the variable of that name.
    private static string? SecretBehind(V1Container container, string value)
    {
        var reference = OneReference().Match(value);
        return reference.Success
            ? (container.Env ?? []).FirstOrDefault(v => v.Name == reference.Groups["name"].Value)?.ValueFrom?.SecretKeyRef?.Name
            : null;
    }

    [GeneratedRegex(@"^\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OneReference();

    [GeneratedRegex(@"^amqp://(?<user>[^:@/]+):(?<password>[^@]+)@crm-rabbitmq:5672/?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BrokerAddress();
}
