using Crm.Messaging.Data;
using Crm.Api;
using Crm.Grpc;
using Crm.Orders.Grpc.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>Orders newest first, by customer, by deal (the order of a won opportunity) and by status.</summary>
    public override Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context) => ListOrdersAsync(request, context).Answer();

    private async Task<GrpcResult<ListOrdersResponse>> ListOrdersAsync(ListOrdersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.OptionalId(request.CustomerId, "customer_id");
        var opportunityId = check.OptionalId(request.OpportunityId, "opportunity_id");
        var status = check.Known(request.Status, "status", required: false);
        var (size, before) = Paging.Read(request.Page, check);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var query = db.Orders.AsNoTracking().Include(o => o.Invoices).ThenInclude(i => i.Payments).AsSplitQuery();
        if (customerId is { } customer)
        {
            query = query.Where(o => o.CustomerId == customer);
        }

        if (opportunityId is { } opportunity)
        {
            query = query.Where(o => o.OpportunityId == opportunity);
        }

        if (status != OrderStatus.Unspecified)
        {
            var wanted = OrderMessages.ToDomain(status);
            query = query.Where(o => o.Status == wanted);
        }

        var (page, next) = await query.PageAsync(o => o.Position, before, size, o => o.ToMessage(), context.CancellationToken);
        return new ListOrdersResponse { Orders = { page }, NextPageToken = next };
    }
}
