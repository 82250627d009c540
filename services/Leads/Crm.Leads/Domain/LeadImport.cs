using Crm.Contracts;
using Crm.Domain;

namespace Crm.Leads.Domain;

/// <summary>
/// One import of a lead list: where its leads come from (source and campaign, as every lead they become), the file (its
/// name, and the SHA-256 of its bytes once all were read), who started it and when, and what became of its rows. The
/// counts grow batch by batch, each in the transaction that merged the batch, so that they always say what is stored,
/// whatever happens to the import afterwards.
/// </summary>
public sealed class LeadImport
{
    private LeadImport()
    {
    }

    public Guid ImportId { get; private set; }

    /// <summary>Orders lists, newest first.</summary>
    public long Position { get; private set; }

    public LeadSource Source { get; private set; }

    public Guid? CampaignId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public LeadImportStatus Status { get; private set; }

    /// <summary>Why it failed or was cancelled; none otherwise.</summary>
    public string? StatusDetail { get; private set; }

    public long Accepted { get; private set; }

    public long Duplicates { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>What became of the rows read so far.</summary>
    public ImportCounts Counts => new(Accepted, Duplicates, Rejected);

    /// <summary>The SHA-256 of the file's bytes (lower-case hex), known once the whole file was read.</summary>
    public string? ContentSha256 { get; private set; }

    /// <summary>The earlier completed import of the same bytes, source and campaign, which this one repeated.</summary>
    public Guid? RepeatOf { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public static LeadImport Start(LeadSource source, Guid? campaignId, string fileName, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return new LeadImport
        {
            ImportId = Guid.CreateVersion7(at),
            Source = source,
            CampaignId = campaignId,
            FileName = fileName,
            Status = LeadImportStatus.Running,
            StartedBy = by,
            StartedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>Adds what a merged batch did; only a running import takes batches.</summary>
    public Result Merged(ImportCounts batch, DateTimeOffset at)
    {
        if (Running() is { IsDone: false } refused)
        {
            return refused;
        }

        (Accepted, Duplicates, Rejected) = Counts + batch;
        UpdatedAt = at;
        return Result.Done;
    }

    /// <summary>Every row was read: the file's hash is known, and with it whether an earlier import had the same file.</summary>
    public Result Complete(string contentSha256, Guid? repeatOf, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentSha256);
        if (Running() is { IsDone: false } refused)
        {
            return refused;
        }

        ContentSha256 = contentSha256;
        RepeatOf = repeatOf;
        return End(LeadImportStatus.Completed, null, at);
    }

    /// <summary>The caller stopped before the end of the file; what was merged stays.</summary>
    public Result Cancel(string why, DateTimeOffset at) => Running() is { IsDone: false } refused ? refused : End(LeadImportStatus.Cancelled, why, at);

    /// <summary>The file could not be read to its end; what was merged stays.</summary>
    public Result Fail(string why, DateTimeOffset at) => Running() is { IsDone: false } refused ? refused : End(LeadImportStatus.Failed, why, at);

    private Result Running() => Status == LeadImportStatus.Running
        ? Result.Done
        : DomainError.Precondition($"import {ImportId} has ended ({Status}): it takes no more rows");

    private Result End(LeadImportStatus status, string? why, DateTimeOffset at)
    {
        Status = status;
        StatusDetail = why;
        UpdatedAt = at;
        FinishedAt = at;
        return Result.Done;
    }
}
