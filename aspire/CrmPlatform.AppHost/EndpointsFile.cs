using System.Text.Json;

namespace CrmPlatform.AppHost;

/// <summary>
/// <c>.crm/endpoints.json</c>: where each service listens and where the dashboard is, for scripts and tools
/// (<c>{"services": {"leads": {"grpc": "http://localhost:5100", "http": "http://localhost:5200"}}, "dashboard": "http://127.0.0.1:18888"}</c>).
/// The dashboard's login token is not written here: it is printed on the console only.
/// </summary>
internal static class EndpointsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, ServiceUrls> services, Uri? dashboard, CancellationToken cancellationToken)
    {
        var document = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["services"] = services.ToDictionary(
                s => s.Key,
                s => new Dictionary<string, string>(StringComparer.Ordinal) { ["grpc"] = s.Value.Grpc, ["http"] = s.Value.Http },
                StringComparer.Ordinal),
        };
        if (dashboard is not null)
        {
            document["dashboard"] = dashboard.ToString().TrimEnd('/');
        }

        // Written beside and renamed, so that a reader never sees half a file.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(document, Indented), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
