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
        var (invoiceId, status) = IdConversions.Read(request.InvoiceId, "invoice_id");
        if (!status.IsOk)
        {
            return status;
        }

        var (amount, currency, amountStatus) = MoneyConversions.Read(request.Amount, "amount");
        if (!amountStatus.IsOk)
        {
            return amountStatus;
        }

        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return Status.NotFound($"invoice {invoiceId} does not exist");
        }

        await db.Payments.Where(p => p.InvoiceId == invoiceId).LoadAsync(cancellationToken);
        var now = time.UtcNowInMicroseconds();
        var wasOverdue = invoice.Status == InvoiceStatus.Overdue;
        var (payment, refused) = invoice.Receive(amount, currency, now, Caller.Of(context));
        if (refused is not null)
        {
            return refused;
        }

        db.Publish(new PaymentReceived(
            Guid.NewGuid(), now, invoice.CustomerId, invoice.Id, invoice.Version, payment!.Id,
            new Contracts.Money(currency, amount), DateOnly.FromDateTime(now.UtcDateTime), new Contracts.Money(currency, invoice.Outstanding)));
        if (invoice.Status == InvoiceStatus.PaidInFull)
        {
            var order = await db.LockOrderAsync(invoice.OrderId, cancellationToken);
            if (order!.Invoices.All(i => i.Status == InvoiceStatus.PaidInFull))
            {
                order.MarkPaid();
            }

            if (wasOverdue)
            {
                await CreditReview.ReviewAsync(db, invoice.CustomerId, now, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invoice.ToMessage();
    }
}
