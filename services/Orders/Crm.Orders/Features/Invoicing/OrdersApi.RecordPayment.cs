using Crm.Messaging.Commands;
using Crm.Messaging.Data;
using System.Globalization;
using Crm.Api;
using Crm.Contracts.Orders;
using Crm.Grpc;
using Grpc.Core;
using Crm.Orders.Features.Credit;
using Microsoft.EntityFrameworkCore;
using InvoiceStatus = Crm.Orders.Domain.InvoiceStatus;
using V1 = Crm.Orders.Grpc.V1;

namespace Crm.Orders.Features;

public sealed partial class OrdersApi
{
    /// <summary>
    /// Records a payment against an invoice: positive, in the invoice's currency, not more than is open. A fully paid
    /// invoice closes (and its order is paid); when it was overdue, the customer's credit is reviewed in the same
    /// transaction, which lifts the hold once no overdue invoice is left.
    /// </summary>
    public override Task<V1.Invoice> RecordPayment(V1.RecordPaymentRequest request, ServerCallContext context) => RecordPaymentAsync(request, context).Answer();

    private async Task<GrpcResult<V1.Invoice>> RecordPaymentAsync(V1.RecordPaymentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var check = new RequestCheck();
        var invoiceId = check.Id(request.InvoiceId, "invoice_id");
        var payment = check.Money(request.Amount, "amount", required: true);
        if (check.Failure is { } invalid)
        {
            return invalid;
        }

        var now = time.UtcNowInMicroseconds();
        var by = Caller.Of(context);
        var changed = await db.ChangeAsync(
            token => db.Invoices.Include(i => i.Payments).SingleOrDefaultAsync(i => i.Id == invoiceId, token),
            new CommandTarget("invoice_id", $"invoice {invoiceId}"),
            expectedVersion: 0,
            async (invoice, token) =>
            {
                var wasOverdue = invoice.Status == InvoiceStatus.Overdue;
                var received = invoice.Receive(payment!.Amount, payment.Currency, now, by);
                if (!received.IsDone || invoice.Status != InvoiceStatus.PaidInFull)
                {
                    return received;
                }

                var order = await db.OrdersWithInvoices.SingleAsync(o => o.Id == invoice.OrderId, token);
                order.SettleIfPaid();
                if (wasOverdue)
                {
                    await CreditReview.ReviewAsync(db, invoice.CustomerId, now, token);
                }

                return received;
            },
            context.CancellationToken);
        return changed.ToResponse(invoice => invoice.ToMessage());
    }
}
