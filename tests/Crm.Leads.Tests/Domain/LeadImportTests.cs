extern alias service;

using Crm.Contracts;
using Crm.Domain;
using service::Crm.Leads.Domain;

namespace Crm.Leads.Tests.Domain;

/// <summary>An import's record as a plain object: its counts only grow while it runs, and it ends once.</summary>
public sealed class LeadImportTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Batches_add_up_and_completing_records_the_file_and_the_import_it_repeats()
    {
        var record = LeadImport.Start(LeadSource.PurchasedList, null, "list.csv", "mia.marketing", Started);
        var earlier = Guid.NewGuid();

        Assert.True(record.Merged(new ImportCounts(9_000, 900, 100), Started.AddSeconds(1)).IsDone);
        Assert.True(record.Merged(new ImportCounts(10, 5, 1), Started.AddSeconds(2)).IsDone);
        Assert.True(record.Complete("ab12", earlier, Started.AddSeconds(3)).IsDone);

        Assert.Equal((10_016L, 9_010L, 905L, 101L), (record.Counts.RowsRead, record.Accepted, record.Duplicates, record.Rejected));
        Assert.Equal((LeadImportStatus.Completed, "ab12", (Guid?)earlier, (DateTimeOffset?)Started.AddSeconds(3)), (record.Status, record.ContentSha256, record.RepeatOf, record.FinishedAt));
    }

    [Fact]
    public void An_ended_import_takes_no_more_batches_and_ends_only_once()
    {
        var record = LeadImport.Start(LeadSource.TradeShow, Guid.NewGuid(), "visitors.csv", "mia.marketing", Started);
        Assert.True(record.Merged(new ImportCounts(10_000, 0, 0), Started.AddSeconds(1)).IsDone);
        Assert.True(record.Cancel("the caller cancelled", Started.AddSeconds(2)).IsDone);

        Assert.Equal(DomainErrorKind.Precondition, record.Merged(new ImportCounts(1, 0, 0), Started.AddSeconds(3)).Error?.Kind);
        Assert.Equal(DomainErrorKind.Precondition, record.Fail("too late", Started.AddSeconds(3)).Error?.Kind);
        Assert.Equal(DomainErrorKind.Precondition, record.Complete("ab12", null, Started.AddSeconds(3)).Error?.Kind);
        Assert.Equal((LeadImportStatus.Cancelled, "the caller cancelled", 10_000L), (record.Status, record.StatusDetail, record.Accepted));
    }

    [Fact]
    public void A_rejected_line_is_kept_up_to_its_limit_without_splitting_a_character()
    {
        var line = new string('x', ImportRejection.RawLineLimit - 1) + "\U0001F600" + "tail";

        var rejection = ImportRejection.Of(Guid.NewGuid(), 7, "e-mail: is wrong", line, "  Greta@Nordwind.Example ");

        Assert.Equal(new string('x', ImportRejection.RawLineLimit - 1), rejection.RawLine);
        Assert.Equal("greta@nordwind.example", rejection.EmailKey);
    }
}
