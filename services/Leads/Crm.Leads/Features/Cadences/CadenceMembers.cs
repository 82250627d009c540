using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// Leads join a cadence: one statement in the database, whatever the number of leads, that reads the segment's filter
/// (jsonb, by the database's <c>segment_holds</c>) against each lead captured since the cadence last looked and inserts the matching ones, each once (the
/// enrollment's key). Leads that may still be marketed to join; a cadence stops at its next step for one who may not.
/// </summary>
internal static class CadenceMembers
{
    /// <summary>A lead's capture time is taken before its transaction commits: one that commits later than this after
    /// it is missed. A lead list's batch takes seconds.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    public static async Task<int> JoinNewLeadsAsync(this LeadsDbContext db, Cadence cadence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var since = cadence.LookSince(Margin);
        var due = now + cadence.Step(1).Wait;
        var joined = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO cadence_enrollments (cadence_id, lead_id, step, due_at, status, joined_at, updated_at)
            SELECT {cadence.CadenceId}, l.lead_id, 1, {due}, 'Active', {now}, {now}
            FROM leads l, segments s
            WHERE s.segment_id = {cadence.SegmentId}
              AND l.captured_at > {since}
              AND l.status IN ('New', 'Qualified') AND l.erased_at IS NULL
              AND segment_holds(s.filter, l)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        cadence.Looked(now);
        return joined;
    }
}
