using System.Diagnostics;
using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Security;
using Crm.Leads.Data;
using Crm.Leads.Domain;
using Crm.Leads.Grpc.V1;
using Crm.Messaging.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LeadImport = Crm.Leads.Domain.LeadImport;
using WireImport = Crm.Leads.Grpc.V1.LeadImport;

namespace Crm.Leads.Features.Import;

/// <summary>
/// One import, from the call's first message to its last answer: the header is checked and the file's header line read
/// before anything is stored (a refused file leaves no trace); then the import's record is stored and sent, rows are
/// read and merged batch by batch (<see cref="ImportBatchWriter"/>), the record is sent again after each batch, and at
/// the end of the file it is completed with the file's hash. An import that stops early (the caller cancels, the file
/// breaks a limit) keeps its merged batches, and its record says how it ended.
/// </summary>
public sealed partial class LeadImporter(LeadsDbContext db, TimeProvider clock, ILogger<LeadImporter> logger)
{
    /// <summary>How long the record of an import the caller abandoned may take to be closed, the call's time being up.</summary>
    private static readonly TimeSpan Closing = TimeSpan.FromSeconds(15);

    public async Task ImportAsync(IAsyncStreamReader<ImportLeadsRequest> requests, IServerStreamWriter<WireImport> responses, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var start = await StartOfAsync(requests, context);
        await using var upload = ImportUpload.Start(requests, cancellationToken);
        await using var file = await LeadFile.OpenAsync(upload.Content, cancellationToken);
        var record = LeadImport.Start(start.Source, start.CampaignId, start.FileName, start.By, Now());
        db.LeadImports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        Log.Started(logger, record.ImportId, record.Source);
        var started = Stopwatch.GetTimestamp();

        try
        {
            // Written without a token: the interceptors' writers take none, and the call's own cancellation ends a write.
            await responses.WriteAsync(record.ToMessage());
            await ReadRowsAsync(file, record, start, () => responses.WriteAsync(record.ToMessage()), cancellationToken);
            await CompleteAsync(record, await upload.Sha256Async(), cancellationToken);
        }
        catch (Exception ex)
        {
            await EndAsync(record.ImportId, ex, cancelled: cancellationToken.IsCancellationRequested);
            throw;
        }

        var (counts, elapsedMs) = (record.Counts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Log.Completed(logger, record.ImportId, counts.RowsRead, counts.Accepted, counts.Duplicates, counts.Rejected, elapsedMs);
        await responses.WriteAsync(record.ToMessage());
    }

    /// <summary>The header message: source required, campaign existing, file name given; refused before anything is stored.</summary>
    private async Task<ImportStart> StartOfAsync(IAsyncStreamReader<ImportLeadsRequest> requests, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != ImportLeadsRequest.PartOneofCase.Header)
        {
            throw new RpcException(Status.InvalidArgument("header", "the first message must be the header (source, campaign_id, file_name); the file's bytes follow it"));
        }

        var header = requests.Current.Header;
        var check = new RequestCheck();
        var source = check.Known(header.Source, "header.source", required: true);
        var campaignId = check.OptionalId(header.CampaignId, "header.campaign_id");
        var fileName = check.Text(header.FileName, "header.file_name");
        if (check.Failure is { } failure)
        {
            throw new RpcException(failure);
        }

        if (campaignId is { } campaign && !await db.Campaigns.AnyAsync(c => c.CampaignId == campaign, cancellationToken))
        {
            throw new RpcException(Status.NotFound($"header.campaign_id: campaign {campaign} does not exist"));
        }

        // As CaptureLead: marketing's leads (and an administrator's) wait in the pool for the first team that works them.
        var reach = CallerReach.Of(context);
        return new ImportStart(CommonEnums.ToContract(source), campaignId, fileName, Caller.Of(context), reach.Everything ? null : reach.Team);
    }

    /// <summary>Reads every row into batches of <see cref="ImportLimits.BatchRows"/>, merging each when it is full and
    /// then reporting the record's progress.</summary>
    private async Task ReadRowsAsync(LeadFile file, LeadImport record, ImportStart start, Func<Task> reportProgress, CancellationToken cancellationToken)
    {
        var writer = new ImportBatchWriter(db);
        var batch = new ImportBatch();
        var capturedAt = Now();
        while (await file.ReadAsync(cancellationToken))
        {
            var (lead, problem) = LeadRows.Read(file, start, capturedAt);
            if (lead is not null)
            {
                batch.Add(lead);
            }
            else
            {
                batch.Reject(LeadRows.Rejected(file, record.ImportId, problem!));
            }

            if (batch.IsFull)
            {
                await writer.MergeAsync(record, batch, Now(), cancellationToken);
                await reportProgress();
                batch = new ImportBatch();
                capturedAt = Now();
            }
        }

        if (batch.Rows > 0)
        {
            await writer.MergeAsync(record, batch, Now(), cancellationToken);
        }
    }

    /// <summary>Completes the record with the file's hash and the earlier completed import of the same file, if any.</summary>
    private async Task CompleteAsync(LeadImport record, string sha256, CancellationToken cancellationToken)
    {
        var (importId, source, campaignId) = (record.ImportId, record.Source, record.CampaignId);
        var repeatOf = await db.LeadImports.AsNoTracking()
            .Where(i => i.ContentSha256 == sha256 && i.Source == source && i.CampaignId == campaignId && i.Status == LeadImportStatus.Completed && i.ImportId != importId)
            .OrderBy(i => i.Position)
            .Select(i => (Guid?)i.ImportId)
            .FirstOrDefaultAsync(cancellationToken);
        if (record.Complete(sha256, repeatOf, Now()).Error is { } refused)
        {
            throw new InvalidOperationException(refused.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records how an import that stopped early ended: cancelled by its caller (or its deadline), or failed with the
    /// status it ends with. The batch in progress was rolled back; the record is read again, with the counts of the
    /// batches that were merged. A database that cannot be reached now leaves the record RUNNING, with those counts.
    /// </summary>
    private async Task EndAsync(Guid importId, Exception cause, bool cancelled)
    {
        var why = cancelled
            ? "the caller cancelled the import or its deadline passed; the batches merged before stay, and sending the same file again resumes it (their rows count as duplicates then)"
            : cause is RpcException refused ? refused.Status.Detail : "an internal error stopped the import; the batches merged before stay";
        using var closing = new CancellationTokenSource(Closing);
        try
        {
            db.ChangeTracker.Clear();
            var record = await db.LeadImports.SingleAsync(i => i.ImportId == importId, closing.Token);
            _ = cancelled ? record.Cancel(why, Now()) : record.Fail(why, Now());
            await db.SaveChangesAsync(closing.Token);
            Log.Ended(logger, cancelled ? null : cause, importId, record.Status, record.Counts.RowsRead);
        }
        catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or OperationCanceledException or InvalidOperationException)
        {
            Log.NotEnded(logger, ex, importId);
        }
    }

    private DateTimeOffset Now() => clock.UtcNowInMicroseconds();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Import {ImportId} of {Source} leads started")]
        public static partial void Started(ILogger logger, Guid importId, Contracts.LeadSource source);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Import {ImportId} completed: {RowsRead} rows, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected in {ElapsedMs:0} ms")]
        public static partial void Completed(ILogger logger, Guid importId, long rowsRead, long accepted, long duplicates, long rejected, double elapsedMs);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Import {ImportId} ended {Status} after {RowsRead} rows merged")]
        public static partial void Ended(ILogger logger, Exception? exception, Guid importId, LeadImportStatus status, long rowsRead);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Import {ImportId} stopped, and its record could not be closed; it stays RUNNING with the counts of the batches merged")]
        public static partial void NotEnded(ILogger logger, Exception exception, Guid importId);
    }
}
