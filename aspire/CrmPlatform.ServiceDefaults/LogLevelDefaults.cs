using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// The levels every service logs at unless its configuration says otherwise (docs/running.md, "Log levels"): its own events
/// at Information, the frameworks' per-request and per-statement chatter only from Warning. Without this, every SQL
/// statement (EF Core), every outgoing call (HttpClient, which the generated gRPC clients use) and every endpoint of
/// the bus was an Information line.
/// </summary>
internal static class LogLevelDefaults
{
    private static readonly Dictionary<string, string?> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:Npgsql"] = "Warning",
    };

    /// <summary>Adds the levels as the first, weakest source: appsettings, the environment (<c>Logging__LogLevel__Yarp=Information</c>)
    /// and the command line all override them.</summary>
    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
}
