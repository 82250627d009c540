using System.Diagnostics;
using System.Runtime.InteropServices;
using CrmPlatform.LocalServers;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.AppHost;

/// <summary>
/// <c>./build.sh run</c>: starts the platform, prints where everything is, and on Ctrl+C or SIGTERM stops it all.
/// Options (also as environment variables): <c>--data DIR</c> (default <c>.crm/</c> in the checkout),
/// <c>ConnectionStrings__postgres</c> and <c>ConnectionStrings__messaging</c> to use existing servers,
/// <c>--Postgres:BinDirectory DIR</c> for PostgreSQL programs outside Debian's place, <c>--ports any</c> for free
/// ports instead of the stable 5100+ (gRPC) and 5200+ (HTTP), <c>--demo off</c> to start without loading the demo company.
/// </summary>
internal static class AppHostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);

        var console = new ConsoleLog();
        LocalPlatform? platform = null;
        try
        {
            var options = ReadOptions(configuration);
            var data = options.DataDirectory;
            var clock = Stopwatch.StartNew();
            console.Info($"starting CrmPlatform (data in {data})");
            platform = await LocalPlatform.StartAsync(options, console.Line, stop.Token);
            var endpointsFile = Path.Combine(data, "endpoints.json");
            await EndpointsFile.WriteAsync(endpointsFile, platform.Endpoints);
            console.Table(platform, endpointsFile, clock.Elapsed);
            if (!string.Equals(configuration["demo"], "off", StringComparison.OrdinalIgnoreCase))
            {
                await LoadDemoAsync(platform, data, console, stop.Token);
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            console.Info("stopping");
            File.Delete(endpointsFile);
            return 0;
        }
        catch (MissingPrerequisiteException ex)
        {
            await Console.Error.WriteLineAsync($"CrmPlatform: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is ServerStartException or FileNotFoundException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"CrmPlatform could not start: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            console.Info("start cancelled");
            return 130;
        }
        finally
        {
            if (platform is not null)
            {
                await platform.DisposeAsync();
                console.Info("stopped; nothing left running");
            }
        }

        void Cancel(PosixSignalContext context)
        {
            // We stop the children ourselves, in order, and exit when that is done.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>The demo company, loaded on the first run; a failure is reported and the platform keeps running.</summary>
    private static async Task LoadDemoAsync(LocalPlatform platform, string data, ConsoleLog console, CancellationToken cancellationToken)
    {
        try
        {
            var featured = await Demo.DemoSeed.EnsureAsync(platform.Endpoints["gateway"].Grpc, data, console.Info, cancellationToken);
            console.Info($"demo: look at customer {Demo.DemoData.FeaturedCompany} ({featured}): crm.gateway.v1.CustomerViewService/GetCustomerView on {platform.Endpoints["gateway"].Grpc}");
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or InvalidOperationException)
        {
            console.Info($"demo data could not be loaded ({ex.Message}); the platform runs without it");
        }
    }

    private static PlatformOptions ReadOptions(IConfiguration configuration)
    {
        var layout = RepositoryLayout.Find();
        return new PlatformOptions(
            layout,
            Path.GetFullPath(configuration["data"] ?? Path.Combine(layout.Root, ".crm")),
            configuration.GetConnectionString("postgres"),
            configuration.GetConnectionString("messaging"),
            StablePorts: !string.Equals(configuration["ports"], "any", StringComparison.OrdinalIgnoreCase),
            PostgresBinDirectory: configuration["Postgres:BinDirectory"]);
    }
}
