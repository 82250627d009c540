using System.Text.Json;
using Crm.Api.Clients;
using Grpc.Net.Client;

namespace CrmPlatform.AppHost.Demo;

/// <summary>Loads the demo company on the first run only, remembering it in <c>.crm/demo.json</c>.</summary>
internal static class DemoSeed
{
    /// <summary>Returns the featured customer's id, loading the demo first if this data folder has none yet.</summary>
    public static async Task<string> EnsureAsync(Uri gateway, Uri identity, string demoPassword, string dataDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(dataDirectory, "demo.json");
        if (File.Exists(marker))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(marker, cancellationToken));
            return document.RootElement.GetProperty("featuredCustomerId").GetString()!;
        }

        log("loading the demo company (first run only)");
        using var channel = GrpcChannel.ForAddress(gateway);
        using var people = new DemoPeople(identity, demoPassword);
        var featured = await new DemoLoader(new GatewayClients(channel.CreateCallInvoker()), people, cancellationToken).LoadAsync();
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["featuredCustomerId"] = featured,
            ["featuredCustomer"] = DemoData.FeaturedCompany,
        }), cancellationToken);
        return featured;
    }
}
