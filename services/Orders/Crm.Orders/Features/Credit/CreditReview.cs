using Crm.Contracts.Orders;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using InvoiceStatus = Crm.Orders.Domain.InvoiceStatus;

namespace Crm.Orders.Features.Credit;

/// <summary>
/// Reviews a customer's credit (<see cref="CreditAccount.Review"/>) after a change of their invoices in <c>db</c>, not
/// yet saved: by the overdue check and by a payment. It reads those invoices from the context, the rest from the
/// database; the save of the change saves the review with it.
/// </summary>
internal static class CreditReview
{
    public static async Task ReviewAsync(OrdersDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.CreditAccountAsync(customerId, cancellationToken);

        // Tracked invoices keep their unsaved status: filter again in memory, after the query brought the rest.
        var unpaid = await db.Invoices.Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.PaidInFull).ToListAsync(cancellationToken);
        account.Review(unpaid.Where(i => i.Status != InvoiceStatus.PaidInFull), now);
    }
}
