using Crm.Grpc;
using Crm.Support.Domain;
using Crm.Support.Data;
using Crm.Support.Grpc.V1;
using Crm.Domain;
using Crm.Messaging.Commands;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Features;

/// <summary>
/// <c>crm.support.v1.SupportService</c>. One partial class, its RPCs in the folder of their capability: cases,
/// interactions, customer cases. Every command validates before it writes, then changes its case through the one
/// command path; <c>expected_version</c> (0: no check) guards against overwriting a change made meanwhile.
/// </summary>
public sealed partial class SupportApi(SupportDbContext db, TimeProvider time) : SupportService.SupportServiceBase
{
    /// <summary>
    /// Changes a case through <see cref="CommandPath"/>: NOT_FOUND when there is none, ABORTED when
    /// <paramref name="expectedVersion"/> is set and the case has moved on since the caller read it. With
    /// <paramref name="withInteractions"/> the case's interactions are loaded too, for the answer.
    /// </summary>
    private Task<Result<SupportCase>> ChangeCaseAsync(Guid caseId, long expectedVersion, bool withInteractions, Func<SupportCase, Result> apply, CancellationToken cancellationToken)
    {
        IQueryable<SupportCase> cases = withInteractions ? db.Cases.Include(c => c.Interactions) : db.Cases;
        return db.ChangeAsync(token => cases.SingleOrDefaultAsync(c => c.Id == caseId, token), new CommandTarget("case_id", $"case {caseId}"), expectedVersion, apply, cancellationToken);
    }
}
