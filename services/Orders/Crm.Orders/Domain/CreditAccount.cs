using Crm.Contracts.Orders;

namespace Crm.Orders.Domain;

/// <summary>
/// A customer's credit standing: one row per customer, created at version 0 the first time one of its invoices is
/// checked. On hold while any invoice is overdue; <see cref="Version"/> grows with every change and is the version
/// <see cref="CreditStatusChanged"/> carries.
/// </summary>
public sealed class CreditAccount
{
    public required Guid CustomerId { get; init; }

    public CreditStatus Status { get; private set; }

    /// <summary>Why the customer is on hold, in words a rep can act on; empty in good standing.</summary>
    public string Reason { get; private set; } = string.Empty;

    public DateTimeOffset? Since { get; private set; }

    public long Version { get; private set; }

    public bool OnHold => Status == CreditStatus.Hold;

    /// <summary>Puts the customer on hold, or restates why when already on hold.</summary>
    public void Hold(string reason, DateTimeOffset at)
    {
        if (!OnHold)
        {
            Since = at;
        }

        Status = CreditStatus.Hold;
        Reason = reason;
        Version++;
    }

    public void Release(DateTimeOffset at)
    {
        Status = CreditStatus.Good;
        Reason = string.Empty;
        Since = at;
        Version++;
    }

    /// <summary>The reason a hold names for an overdue invoice.</summary>
    public static string OverdueReason(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return FormattableString.Invariant($"invoice {invoice.Number} overdue since {invoice.DueOn.AddDays(1):yyyy-MM-dd} (due {invoice.DueOn:yyyy-MM-dd}), {invoice.Outstanding:0.00} {invoice.Currency} open");
    }
}
