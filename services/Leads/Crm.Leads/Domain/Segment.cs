namespace Crm.Leads.Domain;

/// <summary>A saved filter over leads (<see cref="SegmentFilter"/>) that cadences target.</summary>
public sealed class Segment
{
    private Segment()
    {
    }

    public Guid SegmentId { get; private set; }

    /// <summary>Orders lists, newest first; also the page token.</summary>
    public long Position { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public SegmentFilter Filter { get; private set; } = null!;

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A new segment; the caller has checked the name and that the filter's campaigns exist.</summary>
    public static Segment Create(string name, SegmentFilter filter, string by, DateTimeOffset at) => new()
    {
        SegmentId = Guid.CreateVersion7(at),
        Name = name,
        Filter = filter,
        CreatedBy = by,
        CreatedAt = at,
    };
}
