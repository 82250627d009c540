using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crm.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (all when none), prints each summary line and writes
/// <c>.crm/bench/NAME.json</c> and <c>.md</c> in the checkout.</summary>
internal static class BenchmarkRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var all = typeof(BenchmarkRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var unknown = args.Where(a => all.TrueForAll(b => b.Name != a)).ToList();
        if (unknown.Count > 0 || all.Count == 0)
        {
            await Console.Error.WriteLineAsync(
                $"unknown benchmark {string.Join(", ", unknown)}; known: {(all.Count == 0 ? "none yet" : string.Join(", ", all.Select(b => b.Name)))}");
            return all.Count == 0 ? 0 : 2;
        }

        var chosen = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name, StringComparer.Ordinal)).ToList();
        var folder = Path.Combine(CrmPlatform.LocalServers.RepositoryLayout.Find().Root, ".crm", "bench");
        Directory.CreateDirectory(folder);
        foreach (var benchmark in chosen)
        {
            var result = await benchmark.RunAsync(CancellationToken.None);
            Console.WriteLine(result.Summary);
            await File.WriteAllTextAsync(Path.Combine(folder, benchmark.Name + ".json"), JsonSerializer.Serialize(result, Indented));
            await File.WriteAllTextAsync(Path.Combine(folder, benchmark.Name + ".md"), Markdown(result));
        }

        return 0;
    }

    private static string Markdown(BenchmarkResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {result.Name}\n\n");
        foreach (var line in result.Summary.Split(Environment.NewLine))
        {
            text.Append(CultureInfo.InvariantCulture, $"`{line}`\n\n");
        }

        text.Append("| figure | value |\n|---|---|\n");
        foreach (var (name, value) in result.Figures)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {value:0.###} |\n");
        }

        text.Append("\n| setting | value |\n|---|---|\n");
        foreach (var (name, value) in result.Settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");
        }

        return text.ToString();
    }
}
