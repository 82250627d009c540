using Crm.Messaging.Commands;
using Crm.Messaging.Data;
using System.Globalization;
using Crm.Api;
using Crm.Contracts.Orders;
using Crm.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Invoice = Crm.Orders.Grpc.V1.Invoice;
using IssueInvoiceRequest = Crm.Orders.Grpc.V1.IssueInvoiceRequest;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>
    /// Invoices an order for its total, due on the given date. A due date in the past is accepted (an invoice entered
    /// late): the next overdue check marks it.
    /// </summary>
    public override Task<Invoice> IssueInvoice(IssueInvoiceRequest request, ServerCallContext context) => IssueInvoiceAsync(request, context).Answer();

    private async Task<GrpcResult<Invoice>> IssueInvoiceAsync(IssueInvoiceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var orderId = check.Id(request.OrderId, "order_id");
        var dueOn = check.Date(request.DueOn, "due_on", required: true);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var now = time.UtcNowInMicroseconds();
        Domain.Invoice? issued = null;
        var changed = await db.ChangeAsync(
            token => db.OrdersWithInvoices.SingleOrDefaultAsync(o => o.Id == orderId, token),
            new CommandTarget("order_id", $"order {orderId}"),
            expectedVersion: 0,
            async (order, token) =>
            {
                // A number taken by an attempt that does not commit is skipped: numbers are unique, not gapless.
                var sequence = await db.Database.SqlQuery<long>($"SELECT nextval('invoice_numbers') AS \"Value\"").SingleAsync(token);
                var invoiced = order.Invoice(string.Create(CultureInfo.InvariantCulture, $"INV-{sequence:D6}"), dueOn!.Value, now);
                issued = invoiced.Value;
                return invoiced;
            },
            context.CancellationToken);
        return changed.ToResponse(_ => issued!.ToMessage());
    }
}
