using Crm.Api;
using Crm.Domain;
using Crm.Messaging.Commands;
using Crm.Messaging.Data;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Crm.Leads.Data;
using Crm.Leads.Features.Import;
using Crm.Leads.Features.Shared;
using Crm.Leads.Grpc.V1;
using Microsoft.EntityFrameworkCore;
using Lead = Crm.Leads.Domain.Lead;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Crm.Leads.Features;

/// <summary>
/// <c>crm.leads.v1.LeadsService</c>: one part per capability (Campaigns, Capture, Qualification, Conversion, Browsing,
/// Origin, Import). Every command validates the whole request first, then changes its aggregate through the one command
/// path.
/// </summary>
public sealed partial class LeadsApi : LeadsService.LeadsServiceBase
{
    private readonly LeadsDbContext _db;
    private readonly TimeProvider _clock;
    private readonly LeadImporter _importer;

    public LeadsApi(LeadsDbContext db, TimeProvider clock, LeadImporter importer)
    {
        _db = db;
        _clock = clock;
        _importer = importer;
    }

    /// <summary>
    /// Changes a lead through <see cref="CommandPath"/> on behalf of the caller of <paramref name="context"/>: NOT_FOUND
    /// when there is none, PERMISSION_DENIED when another team works it, ABORTED when it is not at
    /// <paramref name="expectedVersion"/> or changed under a caller who named one. A pool lead is taken up by the
    /// caller's team, unless <paramref name="takesUp"/> is false (a change that is not working the lead, as recording
    /// the person's consent).
    /// </summary>
    private Task<Result<Lead>> ChangeLeadAsync(Guid leadId, long expectedVersion, Func<Lead, Result> apply, ServerCallContext context, bool takesUp = true)
    {
        var reach = CallerReach.Of(context);
        Func<Lead, Result> take = takesUp ? lead => lead.TakeUp(reach) : _ => Result.Done;
        return _db.ChangeAsync(
            token => _db.Leads.SingleOrDefaultAsync(l => l.LeadId == leadId, token),
            new CommandTarget("lead_id", $"lead {leadId}"),
            expectedVersion,
            lead => take(lead) is { IsDone: false } refused ? refused : apply(lead),
            context.CancellationToken,
            lead => lead.WithinReachOf(reach));
    }

    /// <summary>The time of a change, to the microsecond PostgreSQL keeps, so that what a write answers and publishes
    /// equals what a later read returns.</summary>
    private DateTimeOffset Now() => _clock.UtcNowInMicroseconds();

    private static Status ExpectedVersion(long expectedVersion, RequestCheck check)
    {
        if (expectedVersion < 0)
        {
            check.Fail("expected_version", "must not be negative (0: no check)");
        }

        return check.Failure ?? Status.Ok;
    }
}
