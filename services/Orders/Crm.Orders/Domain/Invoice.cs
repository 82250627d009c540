using System.Globalization;
using Crm.Contracts;
using Crm.Contracts.Orders;
using Crm.Domain;

namespace Crm.Orders.Domain;

/// <summary>
/// An invoice for an order's total, due on a date; it becomes overdue the day after, and closes when paid in full.
/// An aggregate of its own (its events carry its version), issued by its <see cref="Order"/>.
/// </summary>
public sealed class Invoice : AggregateRoot
{
    private Invoice()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number people quote, <c>INV-001042</c>.</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid OrderId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public decimal Amount { get; private set; }

    public decimal Paid { get; private set; }

    public DateOnly DueOn { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public ICollection<Payment> Payments { get; private set; } = [];

    /// <summary>The most payments one invoice takes (documented in docs/api.md): an order of any history fits in a response.</summary>
    public const int MaxPayments = 500;

    public decimal Outstanding => Amount - Paid;

    /// <summary>An invoice for <paramref name="order"/>'s total (see <see cref="Order.Invoice"/>).</summary>
    internal static Invoice Issue(Order order, string number, DateOnly dueOn, DateTimeOffset at)
    {
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(at),
            Number = number,
            OrderId = order.Id,
            CustomerId = order.CustomerId,
            Currency = order.Currency,
            Amount = order.Total,
            DueOn = dueOn,
            IssuedAt = at,
            Version = 1,
        };
        invoice.Raise(new InvoiceIssued(
            Guid.CreateVersion7(at), at, invoice.CustomerId, invoice.Id, invoice.Version, order.Id, number, new Money(invoice.Currency, invoice.Amount), DateOnly.FromDateTime(at.UtcDateTime), dueOn));
        return invoice;
    }

    /// <summary>Marks an open invoice due before <paramref name="today"/> overdue; false when it is not.</summary>
    public bool MarkOverdue(DateOnly today, DateTimeOffset at)
    {
        if (Status != InvoiceStatus.Open || DueOn >= today)
        {
            return false;
        }

        Status = InvoiceStatus.Overdue;
        Version++;
        Raise(new InvoiceOverdue(Guid.CreateVersion7(at), at, CustomerId, Id, Version, OrderId, new Money(Currency, Outstanding), DueOn, today.DayNumber - DueOn.DayNumber));
        return true;
    }

    /// <summary>
    /// Adds a payment: above zero, in the invoice's currency, not more than is open, on an invoice not paid in full.
    /// Paying what is open closes it.
    /// </summary>
    public Result<Payment> Receive(decimal amount, string currency, DateTimeOffset at, string by)
    {
        if (Status == InvoiceStatus.PaidInFull)
        {
            return DomainError.Precondition($"invoice {Number} is paid in full");
        }

        if (Payments.Count >= MaxPayments)
        {
            return DomainError.Precondition($"invoice {Number} already has {MaxPayments} payments, the most one takes: settle the rest in one payment");
        }

        if (amount <= 0)
        {
            return DomainError.Invalid("amount", "must be more than zero");
        }

        if (!string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            return DomainError.Invalid("amount.currency_code", $"must be {Currency}, the invoice's currency");
        }

        if (amount > Outstanding)
        {
            return DomainError.Invalid(
                "amount", string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency} is more than the {Outstanding:0.00} {currency} open on invoice {Number}"));
        }

        var payment = new Payment { Id = Guid.CreateVersion7(at), InvoiceId = Id, Amount = amount, ReceivedAt = at, RecordedBy = by };
        Payments.Add(payment);
        Paid += amount;
        if (Outstanding == 0)
        {
            Status = InvoiceStatus.PaidInFull;
        }

        Version++;
        Raise(new PaymentReceived(
            Guid.CreateVersion7(at), at, CustomerId, Id, Version, payment.Id, new Money(currency, amount), DateOnly.FromDateTime(at.UtcDateTime), new Money(currency, Outstanding)));
        return payment;
    }
}
