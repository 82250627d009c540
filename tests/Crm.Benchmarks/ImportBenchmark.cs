extern alias gateway;
extern alias leads;

using System.Diagnostics;
using System.Globalization;
using Crm.Grpc.Security;
using Crm.Testing;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using Grpc.Core;
using gateway::Crm.Leads.Grpc.V1;
using leads::Crm.Leads;

namespace Crm.Benchmarks;

/// <summary>
/// <c>./build.sh bench import</c>: the leads service in this process on a PostgreSQL started for the run imports a
/// generated list of a million rows (5 % duplicates, 1 % bad rows) sent in 1 MiB chunks over gRPC, with its outbox
/// relay publishing as in production; then the same file is read and written with a bare binary COPY into a table of
/// the leads table's shape (<see cref="ImportRawBaseline"/>). The process's memory is sampled throughout the import.
/// </summary>
internal sealed class ImportBenchmark : IBenchmark
{
    private const int Rows = 1_000_000;
    private const int ChunkBytes = 1 << 20;

    public string Name => "import";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var servers = new CrmTestServers();
        await servers.InitializeAsync();
        var resources = await servers.IsolateAsync("bench_import");
        await using var service = await InProcessService.StartAsync(resources, CrmResources.Leads, b => b.AddLeadsService(), app => app.MapLeadsService());
        using var channel = TestChannels.For(service.GrpcAddress);
        var api = new LeadsService.LeadsServiceClient(channel);
        var file = await ImportFile.WriteAsync(Rows, cancellationToken);
        try
        {
            var before = Environment.WorkingSet;
            using var memory = new PeakMemory();
            var clock = Stopwatch.StartNew();
            var result = await ImportAsync(api, file, cancellationToken);
            var crmSeconds = clock.Elapsed.TotalSeconds;
            var peak = memory.Stop();
            var rawSeconds = await ImportRawBaseline.CopyAsync(resources.DatabaseConnectionString, file, cancellationToken);
            return Result(result, crmSeconds, rawSeconds, before, peak, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<LeadImport> ImportAsync(LeadsService.LeadsServiceClient api, string file, CancellationToken cancellationToken)
    {
        using var call = api.ImportLeads(TestCalls.As("mia.marketing", TimeSpan.FromHours(1), CrmRoles.Marketing).WithCancellationToken(cancellationToken));
        var answers = Task.Run(async () =>
        {
            LeadImport? last = null;
            await foreach (var answer in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                last = answer;
            }

            return last ?? throw new InvalidOperationException("the import answered nothing");
        }, cancellationToken);
        await call.RequestStream.WriteAsync(new ImportLeadsRequest
        {
            Header = new ImportHeader { Source = Crm.Common.Grpc.V1.LeadSource.PurchasedList, FileName = "bench.csv" },
        }, cancellationToken);
        await using (var stream = File.OpenRead(file))
        {
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
            }
        }

        await call.RequestStream.CompleteAsync();
        return await answers;
    }

    private BenchmarkResult Result(LeadImport result, double crmSeconds, double rawSeconds, long before, long peak, long fileBytes)
    {
        var crmRate = result.RowsRead / crmSeconds;
        var rawRate = Rows / rawSeconds;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"import: crm {crmRate:0} rows/s, raw COPY {rawRate:0} rows/s, ratio {crmRate / rawRate:0.00}, peak memory {peak / 1048576.0:0} MiB")
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"  {result.RowsRead} rows ({fileBytes / 1048576.0:0} MiB) in {crmSeconds:0.0} s: {result.Accepted} accepted, {result.Duplicates} duplicates, {result.Rejected} rejected; raw COPY {rawSeconds:0.0} s; process {before / 1048576.0:0} MiB before");
        return new BenchmarkResult(
            Name,
            summary,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["crm_rows_per_second"] = crmRate,
                ["raw_copy_rows_per_second"] = rawRate,
                ["ratio"] = crmRate / rawRate,
                ["peak_memory_mib"] = peak / 1048576.0,
                ["memory_before_mib"] = before / 1048576.0,
                ["accepted"] = result.Accepted,
                ["duplicates"] = result.Duplicates,
                ["rejected"] = result.Rejected,
            },
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rows"] = Rows.ToString(CultureInfo.InvariantCulture),
                ["chunk"] = "1 MiB",
                ["relay"] = "on (publishing to RabbitMQ during the import)",
                ["memory"] = "the whole process's working set (service and bench), sampled every 100 ms during the import",
            });
    }
}
