using Crm.Messaging.Data;
using Crm.Api;
using Crm.Domain;
using Crm.Grpc;
using Crm.Support.Domain;
using Grpc.Core;
using Wire = Crm.Common.Grpc.V1;
using V1 = Crm.Support.Grpc.V1;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>
    /// Logs a call, e-mail, chat, visit or portal message on a case; it lands on the shared timeline with the department
    /// of whoever logged it (Technical Support for a problem, Customer Service for an inquiry, when not given). The
    /// first one answers the case's response target.
    /// </summary>
    public override Task<V1.Interaction> LogInteraction(V1.LogInteractionRequest request, ServerCallContext context) => LogInteractionAsync(request, context).Answer();

    private async Task<GrpcResult<V1.Interaction>> LogInteractionAsync(V1.LogInteractionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var caseId = check.Id(request.CaseId, "case_id");
        if (request.Channel == V1.InteractionChannel.Unspecified || !Enum.IsDefined(request.Channel))
        {
            check.Fail("channel", "is required: PHONE, EMAIL, CHAT, ON_SITE or PORTAL");
        }

        var summary = check.Text(request.Summary, "summary", TextLimits.Note);
        check.Known(request.Department, "department", required: false);
        check.Known(request.Outcome, "outcome", required: false);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = time.UtcNowInMicroseconds();
        var by = Caller.Of(context);
        Interaction? logged = null;
        var changed = await ChangeCaseAsync(
            caseId,
            expectedVersion: 0,
            withInteractions: false,
            supportCase =>
            {
                logged = supportCase.Log(EnumNames.Convert<V1.InteractionChannel, InteractionChannel>(request.Channel), summary, CommonEnums.ToContract(request.Department), CommonEnums.ToContract(request.Outcome), by, now);
                return Result.Done;
            },
            context.CancellationToken);
        return changed.ToResponse(_ => logged!.ToMessage());
    }
}
