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
        var (orderId, status) = IdConversions.Read(request.OrderId, "order_id");
        if (!status.IsOk)
        {
            return status;
        }

        var (dueOn, dueStatus) = DateConversions.Read(request.DueOn, "due_on");
        if (!dueStatus.IsOk)
        {
            return dueStatus;
        }

        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.LockOrderAsync(orderId, cancellationToken);
        if (order is null)
        {
            return Status.NotFound($"order {orderId} does not exist");
        }

        if (order.Status == Domain.OrderStatus.Rejected)
        {
            return Status.FailedPrecondition($"order {orderId} was rejected ({order.RejectionReason}): there is nothing to invoice");
        }

        if (order.Invoices.FirstOrDefault() is { } existing)
        {
            return Status.FailedPrecondition($"order {orderId} is already invoiced ({existing.Number})");
        }

        var sequence = await db.Database.SqlQuery<long>($"SELECT nextval('invoice_numbers') AS \"Value\"").SingleAsync(cancellationToken);
        var now = time.UtcNowInMicroseconds();
        var invoice = new Domain.Invoice
        {
            Id = Guid.NewGuid(),
            Number = string.Create(CultureInfo.InvariantCulture, $"INV-{sequence:D6}"),
            OrderId = order.Id,
            CustomerId = order.CustomerId,
            Currency = order.Currency,
            Amount = order.Total,
            DueOn = dueOn!.Value,
            IssuedAt = now,
        };
        order.Invoices.Add(invoice);
        order.MarkInvoiced();
        db.Publish(new InvoiceIssued(
            Guid.NewGuid(), now, order.CustomerId, invoice.Id, invoice.Version, order.Id, invoice.Number,
            new Contracts.Money(invoice.Currency, invoice.Amount), DateOnly.FromDateTime(now.UtcDateTime), invoice.DueOn));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invoice.ToMessage();
    }
}
