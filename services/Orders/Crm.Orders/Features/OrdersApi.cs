using Crm.Domain;
using Crm.Messaging.Commands;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using Order = Crm.Orders.Domain.Order;
using Crm.Orders.Grpc.V1;

namespace Crm.Orders.Features;

/// <summary>
/// <c>crm.orders.v1.OrdersService</c>. One partial class, its RPCs in the folder of their capability: shipping,
/// invoicing (invoices and payments), credit, customer orders. Every command validates before it writes, then changes
/// its aggregate through the one command path.
/// </summary>
public sealed partial class OrdersApi(OrdersDbContext db, TimeProvider time) : OrdersService.OrdersServiceBase
{
    /// <summary>Changes an order (with its invoices) through <see cref="CommandPath"/>: NOT_FOUND naming order_id when there is none.</summary>
    private Task<Result<Order>> ChangeOrderAsync(Guid orderId, Func<Order, Result> apply, CancellationToken cancellationToken) =>
        db.ChangeAsync(
            token => db.OrdersWithInvoices.SingleOrDefaultAsync(o => o.Id == orderId, token),
            new CommandTarget("order_id", $"order {orderId}"),
            expectedVersion: 0,
            apply,
            cancellationToken);
}
