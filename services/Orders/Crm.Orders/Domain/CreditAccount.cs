using Crm.Domain;
using Crm.Contracts.Orders;

namespace Crm.Orders.Domain;

/// <summary>
/// A customer's credit standing: one row per customer, created at version 0 the first time one of its invoices is
/// checked. On hold while any invoice is overdue, naming the oldest; released once none is. <see cref="AggregateRoot.Version"/>
/// grows with every change and is the version <see cref="CreditStatusChanged"/> carries.
/// </summary>
public sealed class CreditAccount : AggregateRoot
{
    /// <summary>The reason a release states.</summary>
    public const string ReleasedReason = "every overdue invoice is paid";

    private CreditAccount()
    {
    }

    public Guid CustomerId { get; private set; }

    public CreditStatus Status { get; private set; }

    /// <summary>Why the customer is on hold, in words a rep can act on; empty in good standing.</summary>
    public string Reason { get; private set; } = string.Empty;

    public DateTimeOffset? Since { get; private set; }

    public bool OnHold => Status == CreditStatus.Hold;

    /// <summary>A customer in good standing at version 0, as <c>OrdersDbContext.CreditAccountAsync</c> stores one first.</summary>
    public static CreditAccount InGoodStanding(Guid customerId) => new() { CustomerId = customerId, Status = CreditStatus.Good };

    /// <summary>
    /// The credit rule: on hold while any of <paramref name="unpaid"/> (the customer's invoices not paid in full, as
    /// they stand after the change being made) is overdue, naming the oldest; released when none is. The event tells
    /// only a change of standing; a new reason while on hold is recorded without one. Every review counts as a change
    /// (one more version), even one that finds nothing to change: two reviews of one customer at once (two payments,
    /// a payment and the overdue check) then cannot both commit on what the other did not see yet.
    /// </summary>
    public void Review(IEnumerable<Invoice> unpaid, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(unpaid);
        Version++;
        var oldestOverdue = unpaid.Where(i => i.Status == InvoiceStatus.Overdue).OrderBy(i => i.DueOn).ThenBy(i => i.Number, StringComparer.Ordinal).FirstOrDefault();
        if (oldestOverdue is not null)
        {
            var reason = OverdueReason(oldestOverdue);
            if (OnHold && Reason == reason)
            {
                return;
            }

            var wasOnHold = OnHold;
            Since = wasOnHold ? Since : at;
            Status = CreditStatus.Hold;
            Reason = reason;
            if (!wasOnHold)
            {
                Raise(new CreditStatusChanged(Guid.CreateVersion7(at), at, CustomerId, Version, CreditStatus.Good, CreditStatus.Hold, reason));
            }
        }
        else if (OnHold)
        {
            Status = CreditStatus.Good;
            Reason = string.Empty;
            Since = at;
            Raise(new CreditStatusChanged(Guid.CreateVersion7(at), at, CustomerId, Version, CreditStatus.Hold, CreditStatus.Good, ReleasedReason));
        }
    }

    /// <summary>The reason a hold names for an overdue invoice.</summary>
    private static string OverdueReason(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return FormattableString.Invariant($"invoice {invoice.Number} overdue since {invoice.DueOn.AddDays(1):yyyy-MM-dd} (due {invoice.DueOn:yyyy-MM-dd}), {invoice.Outstanding:0.00} {invoice.Currency} open");
    }
}
