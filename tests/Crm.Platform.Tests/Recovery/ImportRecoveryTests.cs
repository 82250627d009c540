using System.Globalization;
using System.Text;
using Crm.Leads.Grpc.V1;
using Crm.Platform.Tests.ServiceDefaults;
using Crm.Testing;
using CrmPlatform.LocalServers;
using CrmPlatform.ServiceDefaults;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Crm.Platform.Tests.Recovery;

/// <summary>
/// A leads service killed (SIGKILL, no chance to clean up) in the middle of a lead-list import: the batches merged
/// before stay, each lead once with its event, and sending the same file to the restarted service adds exactly the
/// rest.
/// </summary>
public sealed class ImportRecoveryTests(CrmTestServers servers)
{
    private const int Rows = 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The LeadCaptured events the imports' LeadsImported messages in the outbox carry.</summary>
    private const string CapturedEvents =
        "SELECT count(*) FROM outbox_messages o CROSS JOIN LATERAL jsonb_array_elements(o.body::jsonb -> 'leads') c WHERE o.message_type LIKE 'Crm.Contracts.Leads.LeadsImported,%'";

    /// <summary>The stored leads they name, each counted once.</summary>
    private const string CapturedLeads =
        "SELECT count(DISTINCT l.lead_id) FROM outbox_messages o CROSS JOIN LATERAL jsonb_array_elements(o.body::jsonb -> 'leads') c JOIN leads l ON l.lead_id = (c ->> 'leadId')::uuid WHERE o.message_type LIKE 'Crm.Contracts.Leads.LeadsImported,%'";

    [Fact]
    public async Task A_leads_service_killed_mid_import_resumes_with_no_row_lost_or_doubled()
    {
        var resources = await servers.IsolateAsync(nameof(ImportRecoveryTests));
        var file = LeadFile();

        string interruptedId;
        await using (var first = Start(resources))
        {
            await first.WaitHealthyAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            interruptedId = await ImportUntilFirstBatchAsync(first, file);
            await first.Process.StopAsync(Posix.SigKill, TimeSpan.FromSeconds(10));
        }

        // What was merged is whole: the record's counts are what is stored, its leads each have one event.
        var merged = await ScalarAsync(resources, "SELECT count(*) FROM leads");
        Assert.InRange(merged, 1, Rows - 1);
        Assert.Equal(merged, await ScalarAsync(resources, "SELECT accepted FROM lead_imports WHERE import_id = $1", Guid.Parse(interruptedId)));
        Assert.Equal("Running", await TextAsync(resources, "SELECT status FROM lead_imports WHERE import_id = $1", Guid.Parse(interruptedId)));
        Assert.Equal((merged, merged), (await ScalarAsync(resources, CapturedEvents), await ScalarAsync(resources, CapturedLeads)));

        await using var second = Start(resources);
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var resumed = await ImportAsync(second, file);

        Assert.Equal((ImportStatus.Completed, Rows - merged, merged, 0L), (resumed.Status, resumed.Accepted, resumed.Duplicates, resumed.Rejected));
        Assert.Equal(Rows, await ScalarAsync(resources, "SELECT count(*) FROM leads"));
        Assert.Equal((Rows, Rows), (await ScalarAsync(resources, CapturedEvents), await ScalarAsync(resources, CapturedLeads)));
    }

    private static ServiceProcess Start(TestResources resources) => ServiceProcess.Start(
        RepositoryLayout.Find(),
        CrmResources.Leads,
        ServiceProcess.FreeEndpoints(),
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__" + CrmResources.Leads.Database] = resources.DatabaseConnectionString,
            ["ConnectionStrings__" + CrmResources.Messaging] = resources.MessagingConnectionString,
        });

    /// <summary>Streams the file and returns the import's id as soon as its first batch is merged, the file still streaming.</summary>
    private static async Task<string> ImportUntilFirstBatchAsync(ServiceProcess service, byte[] file)
    {
        using var channel = GrpcChannel.ForAddress(service.Endpoints.Grpc);
        using var call = new LeadsService.LeadsServiceClient(channel).ImportLeads(Options());
        var merged = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            await foreach (var record in call.ResponseStream.ReadAllAsync())
            {
                if (record.Accepted > 0)
                {
                    merged.TrySetResult(record.ImportId);
                }
            }
        });
        var writing = SendAsync(call.RequestStream, file);
        var first = await merged.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);

        // The service dies under the call: what the client sees then does not matter.
        _ = writing.ContinueWith(t => t.Exception, TaskScheduler.Default);
        _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
        return first;
    }

    private static async Task<LeadImport> ImportAsync(ServiceProcess service, byte[] file)
    {
        using var channel = GrpcChannel.ForAddress(service.Endpoints.Grpc);
        using var call = new LeadsService.LeadsServiceClient(channel).ImportLeads(Options());
        var reading = Task.Run(async () =>
        {
            LeadImport? last = null;
            await foreach (var record in call.ResponseStream.ReadAllAsync())
            {
                last = record;
            }

            return last!;
        });
        await SendAsync(call.RequestStream, file);
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    private static async Task SendAsync(IClientStreamWriter<ImportLeadsRequest> requests, byte[] file)
    {
        await requests.WriteAsync(new ImportLeadsRequest { Header = new ImportHeader { Source = Common.Grpc.V1.LeadSource.PurchasedList, FileName = "bought-list.csv" } });
        for (var offset = 0; offset < file.Length; offset += 256 * 1024)
        {
            await requests.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(file, offset, Math.Min(256 * 1024, file.Length - offset)) });
        }
    }

    private static CallOptions Options() => TestCalls.As("maria", Deadline, "marketing");

    private static byte[] LeadFile()
    {
        var text = new StringBuilder("company,first name,last name,e-mail,country\n");
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Firma {i} GmbH,Greta,Lind{i},greta.{i}.{run}@example.com,DE\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static Task<long> ScalarAsync(TestResources resources, string sql, params object[] parameters) => resources.ScalarAsync(sql, parameters);

    private static async Task<string> TextAsync(TestResources resources, string sql, params object[] parameters) =>
        (string)(await resources.QueryAsync(sql, parameters))!;
}
