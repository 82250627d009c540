using Crm.Grpc;
using Crm.Support.Domain;
using Crm.Support.Data;
using Crm.Support.Grpc.V1;
using Grpc.Core;

namespace Crm.Support.Features;

/// <summary>
/// <c>crm.support.v1.SupportService</c>. One partial class, its RPCs in the folder of their capability: cases,
/// interactions, customer cases. Every command validates before it writes, and writes its state and events in one
/// transaction; <c>expected_version</c> (0: no check) guards against overwriting a change made meanwhile.
/// </summary>
public sealed partial class SupportApi(SupportDbContext db, TimeProvider time) : SupportService.SupportServiceBase
{
    /// <summary>
    /// The case a command changes, locked until its transaction ends: NOT_FOUND when there is none, ABORTED when
    /// <paramref name="expectedVersion"/> is set and the case has moved on since the caller read it.
    /// </summary>
    private async Task<(SupportCase? Case, Status Status)> LockForChangeAsync(Guid caseId, long expectedVersion, CancellationToken cancellationToken)
    {
        var supportCase = await db.LockCaseAsync(caseId, cancellationToken);
        if (supportCase is null)
        {
            return (null, Status.NotFound($"case {caseId} does not exist"));
        }

        if (expectedVersion != 0 && expectedVersion != supportCase.Version)
        {
            return (null, new Status(StatusCode.Aborted, $"case {caseId} is at version {supportCase.Version}, not {expectedVersion}: read it again"));
        }

        return (supportCase, Status.Ok);
    }
}
