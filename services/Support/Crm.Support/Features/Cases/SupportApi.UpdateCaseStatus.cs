using Crm.Messaging.Data;
using Crm.Api;
using Crm.Contracts.Support;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CaseStatus = Crm.Support.Domain.CaseStatus;
using V1 = Crm.Support.Grpc.V1;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>
    /// Moves an unresolved case to another status (resolving is <see cref="ResolveCase"/>). Escalating raises its
    /// escalation level and publishes CaseEscalated with the note as the reason. Setting the status it has changes nothing.
    /// </summary>
    public override Task<V1.Case> UpdateCaseStatus(V1.UpdateCaseStatusRequest request, ServerCallContext context) => UpdateCaseStatusAsync(request, context).Answer();

    private async Task<GrpcResult<V1.Case>> UpdateCaseStatusAsync(V1.UpdateCaseStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var caseId = check.Id(request.CaseId, "case_id");
        var next = request.Status.ToSettableStatus();
        if (request.Status == V1.CaseStatus.Resolved)
        {
            check.Fail("status", "a case is resolved with ResolveCase, which records the resolution");
        }
        else if (next is null)
        {
            check.Fail("status", "is required: CASE_OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER or ESCALATED");
        }

        var note = check.OptionalText(request.Note, "note", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = time.UtcNowInMicroseconds();
        var changed = await ChangeCaseAsync(caseId, request.ExpectedVersion, withInteractions: true, supportCase => supportCase.MoveTo(next!.Value, note, now), context.CancellationToken);
        return changed.ToResponse(supportCase => supportCase.ToMessage());
    }
}
