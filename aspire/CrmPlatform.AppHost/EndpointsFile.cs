using System.Text.Json;
using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost;

/// <summary>
/// <c>.crm/endpoints.json</c>: where each service listens, for scripts and tools
/// (<c>{"services": {"leads": {"grpc": "http://127.0.0.1:5100", "http": "http://127.0.0.1:5200"}}}</c>).
/// </summary>
internal static class EndpointsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, ServiceEndpoints> endpoints)
    {
        var services = endpoints.ToDictionary(
            e => e.Key,
            e => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grpc"] = e.Value.Grpc.ToString().TrimEnd('/'),
                ["http"] = e.Value.Http.ToString().TrimEnd('/'),
            },
            StringComparer.Ordinal);
        var document = new Dictionary<string, object>(StringComparer.Ordinal) { ["services"] = services };

        // Written beside and renamed, so that a reader never sees half a file.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(document, Indented));
        File.Move(temporary, path, overwrite: true);
    }
}
