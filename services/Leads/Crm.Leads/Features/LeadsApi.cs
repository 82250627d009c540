using Crm.Api;
using Crm.Messaging.Data;
using Crm.Grpc;
using Grpc.Core;
using Crm.Leads.Data;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using Lead = Crm.Leads.Domain.Lead;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Crm.Leads.Features;

/// <summary>
/// <c>crm.leads.v1.LeadsService</c>: one part per capability (Campaigns, Capture, Qualification, Conversion, Browsing,
/// Origin). Every command validates the whole request first, then writes its state and its event in one SaveChanges.
/// </summary>
public sealed partial class LeadsApi : LeadsService.LeadsServiceBase
{
    private readonly LeadsDbContext _db;
    private readonly TimeProvider _clock;

    public LeadsApi(LeadsDbContext db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
    }

    /// <summary>
    /// The lead a command changes, once its request is valid: NOT_FOUND when there is none,
    /// ABORTED when it is not at <paramref name="expectedVersion"/>.
    /// </summary>
    private async Task<(Lead? Lead, Status Status)> LeadToChangeAsync(Guid leadId, long expectedVersion, CancellationToken cancellationToken)
    {
        var lead = await _db.Leads.SingleOrDefaultAsync(l => l.LeadId == leadId, cancellationToken);
        if (lead is null)
        {
            return (null, LeadNotFound(leadId));
        }

        var version = lead.Expect(expectedVersion);
        return version.IsOk ? (lead, Status.Ok) : (null, version);
    }

    /// <summary>Saves a change of <paramref name="lead"/>; ABORTED when another call changed it since it was read.</summary>
    private async Task<Status> SaveAsync(Lead lead, CancellationToken cancellationToken)
    {
        try
        {
            await _db.SaveChangesAsync(cancellationToken);
            return Status.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Status(StatusCode.Aborted, $"lead {lead.LeadId} changed meanwhile: read it again and retry");
        }
    }

    /// <summary>The time of a change, to the microsecond PostgreSQL keeps, so that what a write answers and publishes
    /// equals what a later read returns.</summary>
    private DateTimeOffset Now() => _clock.UtcNowInMicroseconds();

    private static Status LeadNotFound(Guid leadId) => Status.NotFound($"lead_id: lead {leadId} does not exist");

    private static Status ExpectedVersion(long expectedVersion, RequestCheck check)
    {
        if (expectedVersion < 0)
        {
            check.Fail("expected_version", "must not be negative (0: no check)");
        }

        return check.Failure ?? Status.Ok;
    }
}
