using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.ServiceDefaults;

/// <summary>Writes a health report as a small JSON document: overall status and each check's status and reason.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["status"] = e.Value.Status.ToString(),
                    ["description"] = e.Value.Description ?? e.Value.Exception?.Message,
                    ["durationMs"] = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                },
                StringComparer.Ordinal),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
