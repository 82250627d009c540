using CrmPlatform.ServiceDefaults;
using Quartz;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// The scheduler's tables, from the script Quartz ships in its assembly for PostgreSQL (every statement creates only
/// what is missing), applied as one of the service's migrations: under the migrations' lock, so replicas that start
/// together do not race to create them, and before the scheduler starts and checks them.
/// </summary>
internal static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    // The script separates its statements with a line of its own reading exactly this (its header mentions it too).
    private const string Separator = "--;;";

    public static IReadOnlyList<SqlMigration> Migrations()
    {
        var assembly = typeof(IScheduler).Assembly;
        using var stream = assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Quartz {assembly.GetName().Version} has no {Resource}: its schema script moved");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
        var statements = new List<string>();
        var statement = new List<string>();
        foreach (var line in script.Split('\n'))
        {
            if (line.Trim() == Separator)
            {
                statements.Add(Code(statement));
                statement.Clear();
            }
            else if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                statement.Add(line);
            }
        }

        statements.Add(Code(statement));

        // A new Quartz version runs its script again: it adds what it lacks and keeps what is there.
        return [new SqlMigration("Quartz", $"create_postgres_{assembly.GetName().Version}", string.Join(";\n", statements.Where(s => s.Length > 0)))];
    }

    /// <summary>A statement's lines without its final semicolon; empty when it had only comments.</summary>
    private static string Code(List<string> lines) => string.Join('\n', lines).Trim().TrimEnd(';');
}
