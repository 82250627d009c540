using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs over OTLP. OpenTelemetry.Extensions.Hosting and the instrumentation packages are not
/// on this feed, so the providers are built with the SDK directly; ASP.NET Core, HttpClient, Npgsql and MassTransit
/// emit their own activities and meters, which the providers subscribe to by name.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The activity sources traced: the framework's, the libraries' and every one of ours (<c>Crm.*</c>).</summary>
    public static IReadOnlyList<string> TraceSources { get; } =
        ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", "Crm.*"];

    /// <summary>The meters recorded.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "System.Net.Http", "System.Runtime", "MassTransit", "Npgsql", "Crm.*",
    ];

    public static TBuilder AddCrmTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = TelemetrySettings.From(builder.Configuration, builder.Environment.ApplicationName);
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        builder.Services.AddSingleton(settings);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(resource);
            if (settings.Exports)
            {
                logging.AddOtlpExporter(o => settings.Apply(o, "logs"));
            }
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource([.. TraceSources]);
            if (settings.Exports)
            {
                tracing.AddOtlpExporter(o => settings.Apply(o, "traces"));
            }

            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter([.. Meters]);
            if (settings.Exports)
            {
                metrics.AddOtlpExporter(o => settings.Apply(o, "metrics"));
            }

            return metrics.Build();
        });

        // Resolving the providers at start-up subscribes their listeners before the first request; the container
        // disposes them at shutdown, which flushes what is still buffered.
        builder.Services.AddHostedService<TelemetryStartup>();
        return builder;
    }
}
