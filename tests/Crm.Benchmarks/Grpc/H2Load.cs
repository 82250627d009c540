using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmPlatform.LocalServers;

namespace Crm.Benchmarks.Grpc;

/// <summary>Runs nghttp2's h2load (HTTP/2 load generator, from Debian's nghttp2-client) and reads its summary.</summary>
public static partial class H2Load
{
    /// <summary>Runs h2load; with <paramref name="logFile"/>, it also writes every request's start, status and duration
    /// there (<see cref="Percentile"/> reads it).</summary>
    public static async Task<H2LoadResult> RunAsync(Uri url, string bodyFile, H2LoadSettings settings, CancellationToken cancellationToken, string? logFile = null)
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
            // Every API checks the caller's token: the load carries one, as every real call does.
            "-H", $"authorization: Bearer {Crm.Testing.TestIssuer.Default.TokenFor("bench")}",
            .. logFile is null ? Array.Empty<string>() : ["--log-file", logFile],
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

        if (long.Parse(requests.Groups["succeeded"].Value, CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidOperationException($"no request succeeded:\n{output}");
        }

        return new H2LoadResult(
            double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups["succeeded"].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups["failed"].Value, CultureInfo.InvariantCulture),
            long.Parse(codes.Groups["ok"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The <paramref name="fraction"/> quantile of the request durations in an h2load log (tab-separated: start in
    /// microseconds since the epoch, status, duration in microseconds), in milliseconds, leaving out the requests
    /// started during the first <paramref name="warmUp"/>.
    /// </summary>
    public static double Percentile(string logFile, double fraction, TimeSpan warmUp)
    {
        var rows = File.ReadLines(logFile)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3)
            .Select(fields => (Start: long.Parse(fields[0], CultureInfo.InvariantCulture), Micros: long.Parse(fields[2], CultureInfo.InvariantCulture)))
            .ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"h2load logged no request in {logFile}");
        }

        var measuredFrom = rows.Min(r => r.Start) + (long)warmUp.TotalMicroseconds;
        var durations = rows.Where(r => r.Start >= measuredFrom).Select(r => r.Micros).Order().ToList();
        if (durations.Count == 0)
        {
            durations = [.. rows.Select(r => r.Micros).Order()];
        }

        return durations[Math.Min(durations.Count - 1, (int)Math.Ceiling(fraction * durations.Count) - 1)] / 1000.0;
    }

    [GeneratedRegex(@"finished in [^,]+, (?<rate>[0-9.]+) req/s", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Rate();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Requests();

    [GeneratedRegex(@"status codes: (?<ok>\d+) 2xx", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Codes();
}
