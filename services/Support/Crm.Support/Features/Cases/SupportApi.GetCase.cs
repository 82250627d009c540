using Crm.Api;
using Crm.Grpc;
using Crm.Grpc.Server;
using Crm.Support.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    public async Task<GrpcResult<Case>> GetCase(GetCaseRequest request, CallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (caseId, status) = IdConversions.Read(request.CaseId, "case_id");
        if (!status.IsOk)
        {
            return status;
        }

        var found = await db.Cases.AsNoTracking().Include(c => c.Interactions).SingleOrDefaultAsync(c => c.Id == caseId, context.CancellationToken);
        return found is null ? Status.NotFound($"case {caseId} does not exist") : found.ToMessage();
    }
}
