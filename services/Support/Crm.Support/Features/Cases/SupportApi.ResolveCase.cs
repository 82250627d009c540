using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using V1 = Crm.Support.Grpc.V1;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>Resolves a case with its resolution, once; CaseResolved.</summary>
    public override Task<V1.Case> ResolveCase(V1.ResolveCaseRequest request, ServerCallContext context) => ResolveCaseAsync(request, context).Answer();

    private async Task<GrpcResult<V1.Case>> ResolveCaseAsync(V1.ResolveCaseRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var caseId = check.Id(request.CaseId, "case_id");
        var resolution = check.Text(request.Resolution, "resolution", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = time.UtcNowInMicroseconds();
        var by = Caller.Of(context);
        var changed = await ChangeCaseAsync(caseId, request.ExpectedVersion, withInteractions: true, supportCase => supportCase.Resolve(resolution, by, now), context.CancellationToken);
        return changed.ToResponse(supportCase => supportCase.ToMessage());
    }
}
