using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Support.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    public override Task<Case> GetCase(GetCaseRequest request, ServerCallContext context) => GetCaseAsync(request, context).Answer();

    private async Task<GrpcResult<Case>> GetCaseAsync(GetCaseRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var caseId = check.Id(request.CaseId, "case_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var found = await db.Cases.AsNoTracking().Include(c => c.Interactions).SingleOrDefaultAsync(c => c.Id == caseId, context.CancellationToken);
        return found is null ? Status.NotFound($"case {caseId} does not exist") : found.ToMessage();
    }
}
