using Crm.Orders.Data;
using Crm.Orders.Grpc.V1;

namespace Crm.Orders.Features;

/// <summary>
/// <c>crm.orders.v1.OrdersService</c>. One partial class, its RPCs in the folder of their capability: shipping,
/// invoicing (invoices and payments), credit, customer orders. Every command validates before it writes, and writes
/// its state and events in one transaction.
/// </summary>
public sealed partial class OrdersApi(OrdersDbContext db, TimeProvider time) : OrdersService.OrdersServiceBase
{
}
