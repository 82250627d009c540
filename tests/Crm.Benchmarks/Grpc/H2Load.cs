using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmPlatform.LocalServers;

namespace Crm.Benchmarks.Grpc;

/// <summary>Runs nghttp2's h2load (HTTP/2 load generator, from Debian's nghttp2-client) and reads its summary.</summary>
public static partial class H2Load
{
    public static async Task<H2LoadResult> RunAsync(Uri url, string bodyFile, H2LoadSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new ConcurrentQueue<string>();
        string[] arguments =
        [
            "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
            "-m", settings.Streams.ToString(CultureInfo.InvariantCulture),
            "-t", "1",
            "-D", settings.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--warm-up-time", settings.WarmUp.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "-d", bodyFile,
            "-H", "content-type: application/grpc",
            "-H", "te: trailers",
            url.ToString(),
        ];
        await using var process = ChildProcess.Start(new ChildProcessSpec("h2load", "h2load", arguments), lines.Enqueue);
        await process.WaitForExitAsync(cancellationToken);
        var output = string.Join('\n', lines);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"h2load failed ({process.ExitCode}):\n{output}");
        }

        var rate = Rate().Match(output);
        var requests = Requests().Match(output);
        var codes = Codes().Match(output);
        if (!rate.Success || !requests.Success || !codes.Success)
        {
            throw new InvalidOperationException($"h2load printed no summary:\n{output}");
        }

        return new H2LoadResult(
            double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups["succeeded"].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups["failed"].Value, CultureInfo.InvariantCulture),
            long.Parse(codes.Groups["ok"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"finished in [^,]+, (?<rate>[0-9.]+) req/s", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Rate();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Requests();

    [GeneratedRegex(@"status codes: (?<ok>\d+) 2xx", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Codes();
}
