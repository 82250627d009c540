using CrmPlatform.LocalServers;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.AppHost.Resources;

/// <summary>
/// How this machine runs the platform, from the app host's configuration (command line or environment):
/// <c>--data DIR</c> (default <c>.crm/</c> in the checkout), <c>--ports any</c> for free ports instead of the stable
/// ones (gRPC 5100+, HTTP 5200+, PostgreSQL 5433, AMQP 5673, dashboard 18888), <c>--demo off</c> to start without
/// the demo company, <c>--Postgres:BinDirectory DIR</c> for PostgreSQL programs outside Debian's place,
/// <c>--replicas N</c> (1 to 5, default 1) to run every service but the web app N times, as several pods would.
/// </summary>
public sealed record LocalSettings(string DataDirectory, bool StablePorts, bool LoadDemo, string? PostgresBinDirectory, int Replicas = 1)
{
    /// <summary>The most replicas a local run starts: each is a process with its connections, on two cores.</summary>
    public const int MaxReplicas = 5;

    public static LocalSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var data = configuration["data"] ?? Path.Combine(RepositoryLayout.Find().Root, ".crm");
        return new LocalSettings(
            Path.GetFullPath(data),
            StablePorts: !string.Equals(configuration["ports"], "any", StringComparison.OrdinalIgnoreCase),
            LoadDemo: !string.Equals(configuration["demo"], "off", StringComparison.OrdinalIgnoreCase),
            configuration["Postgres:BinDirectory"],
            ReplicasFrom(configuration["replicas"]));
    }

    private static int ReplicasFrom(string? value)
    {
        if (value is null)
        {
            return 1;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= MaxReplicas
            ? replicas
            : throw new ServerStartException($"--replicas must be a whole number from 1 to {MaxReplicas}, not '{value}'");
    }

    /// <summary><paramref name="stable"/> when stable ports are wanted and it is free, otherwise any free port: the
    /// same URLs on every run, and never a clash with a second copy of the platform or a test run.</summary>
    public int Port(int stable) => StablePorts ? Ports.PreferredOrFree(stable) : Ports.Free();

    /// <summary>A folder of this run's data, created if new.</summary>
    public string Folder(string name)
    {
        var folder = Path.Combine(DataDirectory, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
