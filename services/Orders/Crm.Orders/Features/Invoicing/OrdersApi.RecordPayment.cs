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

        if (amount <= 0)
        {
            return Status.InvalidArgument("amount", "must be more than zero");
        }

        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return Status.NotFound($"invoice {invoiceId} does not exist");
        }

        await db.Payments.Where(p => p.InvoiceId == invoiceId).LoadAsync(cancellationToken);
        if (PaymentRefusal(invoice, amount, currency) is { } refusal)
        {
            return refusal;
        }

        var now = time.UtcNowInMicroseconds();
        var wasOverdue = invoice.Status == InvoiceStatus.Overdue;
        var payment = invoice.Receive(amount, now, Caller.Of(context));
        db.Publish(new PaymentReceived(
            Guid.NewGuid(), now, invoice.CustomerId, invoice.Id, invoice.Version, payment.Id,
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

    /// <summary>Why <paramref name="invoice"/> cannot take this payment, or null when it can.</summary>
    private static Status? PaymentRefusal(Domain.Invoice invoice, decimal amount, string currency)
    {
        if (invoice.Status == InvoiceStatus.PaidInFull)
        {
            return Status.FailedPrecondition($"invoice {invoice.Number} is paid in full");
        }

        if (currency != invoice.Currency)
        {
            return Status.InvalidArgument("amount.currency_code", $"must be {invoice.Currency}, the invoice's currency");
        }

        return amount > invoice.Outstanding
            ? Status.InvalidArgument("amount", string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency} is more than the {invoice.Outstanding:0.00} {currency} open on invoice {invoice.Number}"))
            : null;
    }
}
