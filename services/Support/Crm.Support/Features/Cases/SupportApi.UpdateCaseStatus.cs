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
        var (caseId, status) = IdConversions.Read(request.CaseId, "case_id");
        if (!status.IsOk)
        {
            return status;
        }

        if (request.Status == V1.CaseStatus.Resolved)
        {
            return Status.InvalidArgument("status", "a case is resolved with ResolveCase, which records the resolution");
        }

        if (request.Status.ToSettableStatus() is not { } next)
        {
            return Status.InvalidArgument("status", "is required: CASE_OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER or ESCALATED");
        }

        var check = new RequestCheck();
        var note = check.OptionalText(request.Note, "note", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = time.UtcNowInMicroseconds();
        var changed = await ChangeCaseAsync(caseId, request.ExpectedVersion, withInteractions: true, supportCase => supportCase.MoveTo(next, note, now), context.CancellationToken);
        return changed.ToResponse(supportCase => supportCase.ToMessage());
    }
}
