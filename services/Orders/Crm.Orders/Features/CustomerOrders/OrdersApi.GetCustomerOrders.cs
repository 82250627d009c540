using Crm.Api;
using Crm.Grpc;
using Grpc.Core;
using Crm.Orders.Grpc.V1;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>The customer's orders (newest first) with shipment, invoices and payments, and its credit status. A
    /// customer unknown here simply has no orders and good credit.</summary>
    public override Task<CustomerOrders> GetCustomerOrders(GetCustomerOrdersRequest request, ServerCallContext context) => GetCustomerOrdersAsync(request, context).Answer();

    private async Task<GrpcResult<CustomerOrders>> GetCustomerOrdersAsync(GetCustomerOrdersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var customerId = check.Id(request.CustomerId, "customer_id");
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = context.CancellationToken;
        var orders = await db.Orders.AsNoTracking().Include(o => o.Invoices).ThenInclude(i => i.Payments)
            .Where(o => o.CustomerId == customerId).OrderByDescending(o => o.BookedAt).AsSplitQuery()
            .ToListAsync(cancellationToken);
        var (fitted, truncated) = ResponseBudget.Fit(orders.Select(o => o.ToMessage()));
        return new CustomerOrders { Credit = await CreditStatusOfAsync(customerId, cancellationToken), Orders = { fitted }, Truncated = truncated };
    }
}
