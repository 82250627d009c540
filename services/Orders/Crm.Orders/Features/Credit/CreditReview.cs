using Crm.Contracts.Orders;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;
using InvoiceStatus = Crm.Orders.Domain.InvoiceStatus;

namespace Crm.Orders.Features.Credit;

/// <summary>
/// The credit rule in one place: a customer with an overdue invoice is on hold, naming the oldest one; paying every
/// overdue invoice releases it. Called by the overdue check and by a payment, inside their transaction, after they
/// changed invoices in <c>db</c> (not yet saved): it reads those from the context, the rest from the database.
/// </summary>
internal static class CreditReview
{
    public const string ReleasedReason = "every overdue invoice is paid";

    public static async Task ReviewAsync(OrdersDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.LockCreditAccountAsync(customerId, cancellationToken);

        // Tracked invoices keep their unsaved status: filter in memory, after the query brought the rest.
        var unpaid = await db.Invoices.Where(i => i.CustomerId == customerId && i.Status != InvoiceStatus.PaidInFull).ToListAsync(cancellationToken);
        var oldestOverdue = unpaid.Where(i => i.Status == InvoiceStatus.Overdue).OrderBy(i => i.DueOn).ThenBy(i => i.Number, StringComparer.Ordinal).FirstOrDefault();
        if (oldestOverdue is not null)
        {
            var reason = CreditAccount.OverdueReason(oldestOverdue);
            var wasOnHold = account.OnHold;
            if (!wasOnHold || account.Reason != reason)
            {
                account.Hold(reason, now);
            }

            if (!wasOnHold)
            {
                db.Publish(new CreditStatusChanged(Guid.NewGuid(), now, customerId, account.Version, CreditStatus.Good, CreditStatus.Hold, reason));
            }
        }
        else if (account.OnHold)
        {
            account.Release(now);
            db.Publish(new CreditStatusChanged(Guid.NewGuid(), now, customerId, account.Version, CreditStatus.Hold, CreditStatus.Good, ReleasedReason));
        }
    }
}
