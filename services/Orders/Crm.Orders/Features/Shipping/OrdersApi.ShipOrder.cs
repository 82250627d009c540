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

        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.LockOrderAsync(orderId, cancellationToken);
        if (order is null)
        {
            return Status.NotFound($"order {orderId} does not exist");
        }

        if (order.Status == OrderStatus.Rejected)
        {
            return Status.FailedPrecondition($"order {orderId} was rejected ({order.RejectionReason}): it cannot ship");
        }

        if (order.IsShipped)
        {
            return Status.FailedPrecondition($"order {orderId} already shipped with {order.Carrier} ({order.TrackingNumber})");
        }

        var now = time.UtcNowInMicroseconds();
        order.Ship(carrier, tracking, now, Caller.Of(context));
        db.Publish(new OrderShipped(
            Guid.NewGuid(), now, order.CustomerId, order.Id, order.Version, order.ShipmentId!.Value, carrier, tracking, DateOnly.FromDateTime(now.UtcDateTime)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order.ToMessage();
    }
}
