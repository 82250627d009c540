namespace Crm.Leads.Features.Import;

/// <summary>
/// The bounds of an import, so that a file of any size is read with flat memory and no one row, chunk or batch can
/// hold the service up (docs/api.md, "Importing lead lists").
/// </summary>
internal static class ImportLimits
{
    /// <summary>The largest file: millions of rows fit with room to spare; a larger list is split.</summary>
    public const long FileBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest chunk of the file in one message, well under the 4 MiB message limit.</summary>
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>The longest record, in characters. A valid row is a few hundred; a longer one is nearly always an
    /// unclosed quote swallowing the lines after it, so the file is refused there rather than read as one huge field.</summary>
    public const int RecordChars = 64 * 1024;

    /// <summary>The most columns a header may have.</summary>
    public const int Columns = 64;

    /// <summary>Rows merged per transaction: large enough for COPY to pay off, small enough that a cancelled import
    /// loses little and that a batch's leads, events and rejections stay a few megabytes in memory. Against 10,000 (in
    /// the same runs of <c>./build.sh bench import</c>): the service's peak 293-298 MiB rather than 325-327, for a tenth
    /// fewer rows a second (docs/benchmarks.md).</summary>
    public const int BatchRows = 5_000;

    /// <summary>How long a running import may go without merging a batch before it is taken for abandoned (its service
    /// stopped under it): a batch is a few MiB, which even a slow upload sends in far less.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(30);

    /// <summary>The bytes received and not yet parsed at most: the request stream stops being read beyond this, and
    /// HTTP/2 flow control makes the sender wait.</summary>
    public const long BufferedBytes = 4L * 1024 * 1024;
}
