extern alias service;

using Crm.Leads.Grpc.V1;
using Crm.Leads.Tests.Support;
using CrmPlatform.LocalServers;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using service::Crm.Leads.Features.Import;

namespace Crm.Leads.Tests;

/// <summary>An import is merged batch by batch: cancelled, it keeps the batches merged; sent again, it resumes; left
/// running by a service that stopped under it, it is closed.</summary>
public sealed class ImportResumeTests(LeadsHost leads) : IClassFixture<LeadsHost>
{
    /// <summary>The rows the service merges per batch (its ImportLimits.BatchRows).</summary>
    private const int Batch = 5_000;

    [Fact]
    public async Task A_cancelled_import_keeps_its_merged_batches_and_the_same_file_sent_again_adds_only_the_rest()
    {
        var campaign = await leads.CallAsync((api, o) => api.LaunchCampaignAsync(Requests.Campaign("Trade fair visitors"), o));
        const int people = (Batch * 5) / 2;
        var rows = LeadLists.People(people, "resume");

        // The last row is the second one again: a duplicate within the file, two batches apart.
        var file = LeadLists.File([.. rows, rows[1]]);
        var header = Imports.Header(campaign.CampaignId, "visitors.csv");
        var cancelled = await CancelAfterFirstBatchAsync(file, header, sentRows: (Batch * 6) / 5);

        Assert.Equal(((long)Batch, (long)Batch, 0L, 0L), (cancelled.RowsRead, cancelled.Accepted, cancelled.Duplicates, cancelled.Rejected));
        Assert.Contains("sending the same file again resumes it", cancelled.StatusDetail, StringComparison.Ordinal);
        Assert.Equal(((long)Batch, (long)Batch), await Imports.CampaignLeadsAsync(leads, campaign.CampaignId));

        var answers = await Imports.RunAsync(leads, file, header, chunkBytes: 256 * 1024);

        Assert.Equal([0L, Batch, Batch * 2, people + 1L], answers.Select(a => a.RowsRead));
        var done = answers[^1];
        Assert.Equal((ImportStatus.Completed, (long)people - Batch, Batch + 1L, 0L), (done.Status, done.Accepted, done.Duplicates, done.Rejected));
        Assert.Equal(((long)people, (long)people), await Imports.CampaignLeadsAsync(leads, campaign.CampaignId));
        Assert.Equal(string.Empty, done.RepeatOfImportId);
    }

    [Fact]
    public async Task An_import_whose_service_stopped_under_it_is_closed_as_failed_after_half_an_hour_without_a_batch()
    {
        // Two records as a killed service leaves them: RUNNING, one quiet for 31 minutes, the other for 11.
        var quiet = await RunningImportAsync("killed-at-night.csv");
        leads.Clock.Advance(TimeSpan.FromMinutes(20));
        var recent = await RunningImportAsync("still-uploading.csv");
        leads.Clock.Advance(TimeSpan.FromMinutes(11));
        var abandoned = leads.Services.GetRequiredService<AbandonedImports>();

        Assert.Equal(1, await abandoned.CloseAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await abandoned.CloseAsync(TestContext.Current.CancellationToken));

        var closed = await leads.CallAsync((api, o) => api.GetImportAsync(new GetImportRequest { ImportId = quiet.ToString() }, o));
        Assert.Equal(ImportStatus.Failed, closed.Status);
        Assert.StartsWith("abandoned: no batch merged for 30 minutes", closed.StatusDetail, StringComparison.Ordinal);
        Assert.Contains("sending the same file again resumes it", closed.StatusDetail, StringComparison.Ordinal);
        Assert.Equal(leads.Clock.GetUtcNow().ToUnixTimeSeconds(), closed.FinishedAt.ToDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(ImportStatus.Running, (await leads.CallAsync((api, o) => api.GetImportAsync(new GetImportRequest { ImportId = recent.ToString() }, o))).Status);
    }

    private async Task<Guid> RunningImportAsync(string fileName)
    {
        await using var scope = leads.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<service::Crm.Leads.Data.LeadsDbContext>();
        var record = service::Crm.Leads.Domain.LeadImport.Start(Crm.Contracts.LeadSource.PurchasedList, null, fileName, "maria", leads.Clock.GetUtcNow());
        db.LeadImports.Add(record);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return record.ImportId;
    }

    /// <summary>Sends the header and the first <paramref name="sentRows"/> rows, waits for the first batch to be merged,
    /// then cancels the call; returns the import's record once the service has closed it.</summary>
    private async Task<LeadImport> CancelAfterFirstBatchAsync(byte[] file, ImportHeader header, int sentRows)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var call = Imports.Open(leads, Imports.AsMarketing(cancel.Token));
        await call.RequestStream.WriteAsync(new ImportLeadsRequest { Header = header }, cancel.Token);
        var sent = NthLineEnd(file, sentRows + 1);
        for (var offset = 0; offset < sent; offset += 64 * 1024)
        {
            await call.RequestStream.WriteAsync(new ImportLeadsRequest { Chunk = ByteString.CopyFrom(file, offset, Math.Min(64 * 1024, sent - offset)) }, cancel.Token);
        }

        string? importId = null;
        while (await call.ResponseStream.MoveNext(cancel.Token))
        {
            importId = call.ResponseStream.Current.ImportId;
            if (call.ResponseStream.Current.RowsRead >= Batch)
            {
                break;
            }
        }

        await cancel.CancelAsync();
        LeadImport? closed = null;
        Assert.True(await Poll.UntilAsync(
            async _ => (closed = await leads.CallAsync((api, o) => api.GetImportAsync(new GetImportRequest { ImportId = importId }, o))).Status == ImportStatus.Cancelled,
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken));
        return closed!;
    }

    /// <summary>The length of the first <paramref name="lines"/> lines, line breaks included.</summary>
    private static int NthLineEnd(byte[] file, int lines)
    {
        var end = 0;
        for (var line = 0; line < lines; line++)
        {
            end = Array.IndexOf(file, (byte)'\n', end) + 1;
        }

        return end;
    }
}
