using Crm.Messaging.Data;
using Crm.Api;
using Crm.Contracts.Support;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
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
        var (caseId, status) = IdConversions.Read(request.CaseId, "case_id");
        if (!status.IsOk)
        {
            return status;
        }

        var check = new RequestCheck();
        var resolution = check.Text(request.Resolution, "resolution", TextLimits.Note);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (supportCase, found) = await LockForChangeAsync(caseId, request.ExpectedVersion, cancellationToken);
        if (supportCase is null)
        {
            return found;
        }

        var now = time.UtcNowInMicroseconds();
        var by = Caller.Of(context);
        if (supportCase.Resolve(resolution, by, now).Error is { } refused)
        {
            return refused;
        }

        db.Publish(new CaseResolved(Guid.NewGuid(), now, supportCase.CustomerId, supportCase.Id, supportCase.Version, resolution, by));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.Interactions.Where(i => i.CaseId == caseId).LoadAsync(cancellationToken);
        return supportCase.ToMessage();
    }
}
