using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Platform.Tests.AppHost;

/// <summary>
/// The Aspire dashboard's telemetry API (<c>/api/telemetry/traces</c>, OTLP JSON), with the API key the app host gave
/// the dashboard: what a person sees on its Traces page.
/// </summary>
internal sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    private const int ConsumerKind = 5;
    private readonly HttpClient _http = new() { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The key from the dashboard process of <paramref name="run"/>.</summary>
    public static DashboardTelemetry Of(AppHostRun run, Uri dashboard)
    {
        const string variable = "DASHBOARD__API__PRIMARYAPIKEY=";
        var key = run.Processes()
            .SelectMany(AppHostRun.Environ)
            .FirstOrDefault(v => v.StartsWith(variable, StringComparison.Ordinal))?[variable.Length..];
        Assert.False(string.IsNullOrEmpty(key), "no dashboard process with an API key among the run's processes");
        return new DashboardTelemetry(dashboard, key!);
    }

    /// <summary>
    /// A trace that starts at the gateway and reaches, through RabbitMQ, a consumer in another service: the names of
    /// the services in it (the gateway and at least that one), or null when the dashboard has no such trace yet.
    /// </summary>
    public async Task<IReadOnlySet<string>?> GatewayToConsumerTraceAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/telemetry/traces?limit=1000", UriKind.Relative));
        request.Headers.Add("x-api-key", apiKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);

        var spans = new List<(string TraceId, string Service, string Scope, int Kind)>();
        foreach (var resource in document!.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString())
                .FirstOrDefault() ?? "?";
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString() ?? string.Empty;
                spans.AddRange(scope.GetProperty("spans").EnumerateArray().Select(s =>
                    (s.GetProperty("traceId").GetString()!, service, scopeName, s.GetProperty("kind").GetInt32())));
            }
        }

        return spans.GroupBy(s => s.TraceId, StringComparer.Ordinal)
            .Where(t => t.Any(s => s.Service == "gateway")
                && t.Any(s => s.Service != "gateway" && s.Scope == "MassTransit" && s.Kind == ConsumerKind))
            .Select(t => (IReadOnlySet<string>)t.Select(s => s.Service).ToHashSet(StringComparer.Ordinal))
            .FirstOrDefault();
    }

    public void Dispose() => _http.Dispose();
}
