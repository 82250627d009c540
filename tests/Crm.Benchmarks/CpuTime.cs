using System.Globalization;
using Crm.Testing;

namespace Crm.Benchmarks;

/// <summary>
/// CPU seconds spent so far by this process (the .NET side: writers, relay, consumer, MassTransit), by PostgreSQL and
/// by RabbitMQ, read from /proc. The difference of two readings says where a stage's CPU went.
/// </summary>
/// <param name="Dotnet">This process.</param>
/// <param name="Postgres">The postmaster and its backends.</param>
/// <param name="RabbitMq">The broker node (beam.smp and its helpers).</param>
internal sealed record CpuTime(double Dotnet, double Postgres, double RabbitMq)
{
    // USER_HZ: the unit of the times in /proc/PID/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public double Total => Dotnet + Postgres + RabbitMq;

    public static CpuTime Read(CrmTestServers servers) =>
        new(Seconds(Environment.ProcessId, withChildren: false), Tree(servers.Postgres.TreePids()), Tree(servers.RabbitMq.TreePids()));

    public static CpuTime operator -(CpuTime after, CpuTime before) =>
        new(after.Dotnet - before.Dotnet, after.Postgres - before.Postgres, after.RabbitMq - before.RabbitMq);

    // A server's backends come and go: an exited one's time moves into its parent's "children" times, which are
    // counted too, so the sum over the live tree loses nothing.
    private static double Tree(IEnumerable<int> pids) => pids.Sum(pid => Seconds(pid, withChildren: true));

    private static double Seconds(int pid, bool withChildren)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');

            // After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based, man 5 proc).
            var ticks = Field(fields, 14) + Field(fields, 15) + (withChildren ? Field(fields, 16) + Field(fields, 17) : 0);
            return ticks / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long Field(string[] fields, int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
}
