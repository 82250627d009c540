using Crm.Api;
using Crm.Contracts.Opportunities;
using Crm.Grpc;
using Crm.Grpc.Security;
using Grpc.Core;
using Shared = Crm.Common.Grpc.V1;
using Wire = Crm.Opportunities.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Activities: any department logs an interaction with the customer on the shared timeline.</summary>
internal sealed partial class OpportunitiesApi
{
    public override Task<Wire.Activity> LogActivity(Wire.LogActivityRequest request, ServerCallContext context) => LogActivityAsync(request, context).Answer();

    private async Task<GrpcResult<Wire.Activity>> LogActivityAsync(Wire.LogActivityRequest request, ServerCallContext context)
    {
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        var opportunityId = check.OptionalId(request.OpportunityId, "opportunity_id");
        var occurredAt = check.Instant(request.OccurredAt, "occurred_at", required: false);
        var kind = WireEnums.ToKind(request.Kind);
        if (kind is null)
        {
            check.Fail("kind", "is required (call, meeting, e-mail in or out, letter, note, document sent)");
        }

        if (request.Department == Shared.Department.Unspecified || !Enum.IsDefined(request.Department))
        {
            check.Fail("department", "is required: the department of whoever logs it");
        }

        if (!Enum.IsDefined(request.Outcome))
        {
            check.Fail("outcome", "must be one of CONNECTED, LEFT_MESSAGE, NO_ANSWER, HELD, NO_SHOW, SENT, or unset");
        }

        var subject = check.OptionalText(request.Subject, "subject", TextLimits.Line) ?? string.Empty;
        var notes = check.OptionalText(request.Notes, "notes", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (account, found) = await CustomerAsync(customerId, opportunityId, context);
        if (account is null)
        {
            return found;
        }

        var entry = new Domain.ActivityEntry(
            customerId, opportunityId, kind!.Value, subject, notes, WireEnums.Store(request.Department), CommonEnums.ToContract(request.Outcome), occurredAt);
        var activity = Domain.Activity.Log(entry, Caller.Of(context), CallerReach.Of(context).Team, Now);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(context.CancellationToken);
        return activity.ToWire();
    }
}
