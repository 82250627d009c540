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
            var result = await ImportAsync(api, file, memory, cancellationToken);
            var crm = new ImportRun(result, clock.Elapsed.TotalSeconds, before, memory.Stop(), memory.Halves, memory.ManagedPeak);
            var raw = await ImportRawBaseline.CopyAsync(resources.DatabaseConnectionString, file, indexed: false, cancellationToken);
            var indexed = await ImportRawBaseline.CopyAsync(resources.DatabaseConnectionString, file, indexed: true, cancellationToken);
            return Result(crm, raw.Seconds, indexed, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Imports the file, marking <paramref name="memory"/> when half of the rows are read.</summary>
    private static async Task<LeadImport> ImportAsync(LeadsService.LeadsServiceClient api, string file, PeakMemory memory, CancellationToken cancellationToken)
    {
        using var call = api.ImportLeads(TestCalls.As("mia.marketing", TimeSpan.FromHours(1), CrmRoles.Marketing).WithCancellationToken(cancellationToken));
        var answers = Task.Run(async () =>
        {
            LeadImport? last = null;
            await foreach (var answer in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (answer.RowsRead >= Rows / 2 && (last is null || last.RowsRead < Rows / 2))
                {
                    memory.Mark();
                }

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

    private BenchmarkResult Result(ImportRun crm, double rawSeconds, (double Seconds, long Rows) indexed, long fileBytes)
    {
        const double MiB = 1048576.0;
        var (result, crmSeconds) = (crm.Result, crm.Seconds);
        var crmRate = result.RowsRead / crmSeconds;
        var rawRate = Rows / rawSeconds;
        var indexedRate = Rows / indexed.Seconds;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"import: crm {crmRate:0} rows/s, raw COPY {rawRate:0} rows/s, ratio {crmRate / rawRate:0.00}, peak memory {crm.Peak / MiB:0} MiB")
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"  {result.RowsRead} rows ({fileBytes / MiB:0} MiB) in {crmSeconds:0.0} s: {result.Accepted} accepted, {result.Duplicates} duplicates, {result.Rejected} rejected; raw COPY {rawSeconds:0.0} s")
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"  bare COPY into a table with the leads table's indexes and checks: {indexedRate:0} rows/s ({indexed.Rows} new people in {indexed.Seconds:0.0} s), ratio {indexedRate / rawRate:0.00} to raw COPY; crm is {crmRate / indexedRate:0.00} of it")
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
                $"  memory: {crm.Before / MiB:0} MiB before, peak {crm.Halves.BeforeMark / MiB:0} MiB in the first half of the rows and {crm.Halves.AfterMark / MiB:0} MiB in the second; the garbage collector held at most {crm.ManagedPeak / MiB:0} MiB");
        return new BenchmarkResult(
            Name,
            summary,
            new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["crm_rows_per_second"] = crmRate,
                ["raw_copy_rows_per_second"] = rawRate,
                ["ratio"] = crmRate / rawRate,
                ["indexed_copy_rows_per_second"] = indexedRate,
                ["peak_memory_mib"] = crm.Peak / MiB,
                ["peak_memory_first_half_mib"] = crm.Halves.BeforeMark / MiB,
                ["peak_memory_second_half_mib"] = crm.Halves.AfterMark / MiB,
                ["peak_managed_memory_mib"] = crm.ManagedPeak / MiB,
                ["memory_before_mib"] = crm.Before / MiB,
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
