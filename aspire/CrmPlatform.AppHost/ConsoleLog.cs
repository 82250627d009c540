using System.Globalization;
using CrmPlatform.LocalServers;

namespace CrmPlatform.AppHost;

/// <summary>Writes every child's lines prefixed with its name (coloured on a terminal), and the app host's own.</summary>
internal sealed class ConsoleLog
{
    private static readonly ConsoleColor[] Palette =
    [
        ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue,
        ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow, ConsoleColor.DarkMagenta,
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsoleColor> _colours = new(StringComparer.Ordinal);
    private readonly bool _colour = !Console.IsOutputRedirected;

    public void Line(string source, string line)
    {
        lock (_gate)
        {
            if (!_colours.TryGetValue(source, out var colour))
            {
                _colours[source] = colour = Palette[_colours.Count % Palette.Length];
            }

            var prefix = string.Create(CultureInfo.InvariantCulture, $"{source,-13}| ");
            if (_colour)
            {
                Console.ForegroundColor = colour;
                Console.Write(prefix);
                Console.ResetColor();
                Console.WriteLine(line);
            }
            else
            {
                Console.WriteLine(prefix + line);
            }
        }
    }

    public void Info(string message) => Line("apphost", message);

    public void Table(LocalPlatform platform, string endpointsFile, TimeSpan elapsed)
    {
        lock (_gate)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CrmPlatform is up in {elapsed.TotalSeconds:F1} s. Ctrl+C stops everything."));
            Console.WriteLine();
            Console.WriteLine($"  {"service",-14}{"gRPC (HTTP/2)",-28}{"HTTP (health, pages)",-28}");
            foreach (var (name, endpoints) in platform.Endpoints)
            {
                Console.WriteLine($"  {name,-14}{endpoints.Grpc.ToString().TrimEnd('/'),-28}{endpoints.Http.ToString().TrimEnd('/'),-28}");
            }

            Console.WriteLine();
            Console.WriteLine($"  {"postgres",-14}{Redact(platform.PostgresConnectionString)}");
            Console.WriteLine($"  {"messaging",-14}{Redact(platform.MessagingConnectionString)}");
            Console.WriteLine($"  {"endpoints",-14}{endpointsFile}");
            Console.WriteLine();
        }
    }

    // A configured server may carry a real password: never print it.
    private static string Redact(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return new UriBuilder(uri) { Password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? "***" : string.Empty }.Uri.ToString();
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Password is not null)
        {
            builder.Password = "***";
        }

        return builder.ConnectionString;
    }
}
