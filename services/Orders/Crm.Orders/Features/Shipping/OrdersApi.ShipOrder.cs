using Crm.Messaging.Data;
using Crm.Api;
using Crm.Contracts.Orders;
using Crm.Grpc;
using Grpc.Core;
using Crm.Orders.Grpc.V1;
using OrderStatus = Crm.Orders.Domain.OrderStatus;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>Records the shipment of a booked order, once; a rejected order never ships.</summary>
    public override Task<Order> ShipOrder(ShipOrderRequest request, ServerCallContext context) => ShipOrderAsync(request, context).Answer();

    private async Task<GrpcResult<Order>> ShipOrderAsync(ShipOrderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var orderId = check.Id(request.OrderId, "order_id");
        var carrier = check.Text(request.Carrier, "carrier", TextLimits.Reference);
        var tracking = check.Text(request.TrackingNumber, "tracking_number", TextLimits.Reference);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var by = Caller.Of(context);
        var now = time.UtcNowInMicroseconds();
        var changed = await ChangeOrderAsync(orderId, order => order.Ship(carrier, tracking, by, now), context.CancellationToken);
        return changed.ToResponse(order => order.ToMessage());
    }
}
