using Crm.Leads.Data;
using Crm.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// People join a cadence: one statement in the database per kind of person, whatever their number, that reads the
/// segment's filter (jsonb, by the database's <c>segment_holds</c> for leads and <c>segment_holds_contact</c> for
/// customers' contacts) against each lead captured, and each contact changed (or whose customer changed), since the
/// cadence last looked, and inserts the matching ones, each once (the enrollment's key). People who may still be
/// marketed to join; a cadence stops at its next step for one who may not.
/// </summary>
internal static class CadenceMembers
{
    /// <summary>A lead's capture time (a contact's change) is taken before its transaction commits: one that commits
    /// later than this after it is missed. A lead list's batch takes seconds.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    public static async Task<int> JoinNewMembersAsync(this LeadsDbContext db, Cadence cadence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var since = cadence.LookSince(Margin);
        var due = now + cadence.Step(1).Wait;
        var leads = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO cadence_enrollments (cadence_id, member_id, member, step, due_at, status, joined_at, updated_at)
            SELECT {cadence.CadenceId}, l.lead_id, 'Lead', 1, {due}, 'Active', {now}, {now}
            FROM leads l, segments s
            WHERE s.segment_id = {cadence.SegmentId}
              AND l.captured_at > {since}
              AND l.status IN ('New', 'Qualified') AND l.erased_at IS NULL
              AND segment_holds(s.filter, l)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        var contacts = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO cadence_enrollments (cadence_id, member_id, member, step, due_at, status, joined_at, updated_at)
            SELECT {cadence.CadenceId}, c.contact_id, 'Contact', 1, {due}, 'Active', {now}, {now}
            FROM known_contacts c, segments s
            WHERE s.segment_id = {cadence.SegmentId}
              AND c.updated_at > {since}
              AND segment_holds_contact(s.filter, c)
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        cadence.Looked(now);
        return leads + contacts;
    }
}
