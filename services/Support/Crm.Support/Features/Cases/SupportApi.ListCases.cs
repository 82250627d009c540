using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Crm.Support.Grpc.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Features;

public sealed partial class SupportApi
{
    /// <summary>Cases newest first, by customer, status, priority and assignee: a team's queue, a customer's history.</summary>
    public override Task<ListCasesResponse> ListCases(ListCasesRequest request, ServerCallContext context) => ListCasesAsync(request, context).Answer();

    private async Task<GrpcResult<ListCasesResponse>> ListCasesAsync(ListCasesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.OptionalId(request.CustomerId, "customer_id");
        var status = check.Known(request.Status, "status", required: false);
        var assignee = check.OptionalText(request.AssigneeId, "assignee_id");
        if (request.Priority is < 0 or > 4)
        {
            check.Fail("priority", $"{request.Priority} is not a priority: 1 to 4, or 0 for any");
        }

        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var query = db.Cases.AsNoTracking().Include(c => c.Interactions).AsSplitQuery();
        if (customerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (status != CaseStatus.Unspecified)
        {
            var wanted = SupportMessages.ToDomain(status);
            query = query.Where(c => c.Status == wanted);
        }

        if (request.Priority > 0)
        {
            query = query.Where(c => c.Priority == request.Priority);
        }

        if (assignee is not null)
        {
            query = query.Where(c => c.AssigneeId == assignee);
        }

        var (page, next) = await query.PageAsync(c => c.Position, before, size, c => c.ToMessage(), context.CancellationToken);
        return new ListCasesResponse { Cases = { page }, NextPageToken = next };
    }
}
