using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    public override Task<Order> GetOrder(GetOrderRequest request, ServerCallContext context) => GetOrderAsync(request, context).Answer();

    private async Task<GrpcResult<Order>> GetOrderAsync(GetOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var orderId = check.Id(request.OrderId, "order_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Invoices).ThenInclude(i => i.Payments).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == orderId, context.CancellationToken);
        return order is null ? Status.NotFound($"order {orderId} does not exist") : order.ToMessage();
    }
}
