using System.Reflection;

namespace Crm.Gateway.Features.AccountingFeed;

/// <summary>
/// The published JSON Schemas of the feed's events, every version (<c>protos/crm/feed/v1/schemas/{type}/{version}.json</c>,
/// built into the gateway): <c>GET /feed/v1/schemas/{type}/{version}</c>, each event's CloudEvents <c>dataschema</c>.
/// </summary>
internal static class FeedSchemas
{
    private const string Prefix = "feed-schemas/";

    private static readonly Dictionary<string, string> Schemas = Load();

    /// <summary>Every published (type, version).</summary>
    public static IEnumerable<string> Published => Schemas.Keys.Order(StringComparer.Ordinal);

    public static IResult Get(string type, string version) =>
        Schemas.TryGetValue($"{type}/{version}", out var schema)
            ? Results.Text(schema, "application/schema+json")
            : Results.Problem(detail: $"type/version: no schema {type} {version} is published", statusCode: StatusCodes.Status404NotFound, title: "NotFound");

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(FeedSchemas).Assembly;
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            schemas[name[Prefix.Length..^".json".Length]] = reader.ReadToEnd();
        }

        return schemas;
    }
}
