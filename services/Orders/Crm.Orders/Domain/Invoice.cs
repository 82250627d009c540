using System.Globalization;
using Crm.Domain;

namespace Crm.Orders.Domain;

/// <summary>An invoice for an order's total, due on a date; it becomes overdue the day after, and closes when paid in full.</summary>
public sealed class Invoice
{
    public required Guid Id { get; init; }

    /// <summary>The number people quote, <c>INV-001042</c>.</summary>
    public required string Number { get; init; }

    public required Guid OrderId { get; init; }

    public required Guid CustomerId { get; init; }

    public required string Currency { get; init; }

    public decimal Amount { get; init; }

    public decimal Paid { get; private set; }

    public DateOnly DueOn { get; init; }

    public InvoiceStatus Status { get; private set; }

    public DateTimeOffset IssuedAt { get; init; }

    public long Version { get; private set; } = 1;

    public ICollection<Payment> Payments { get; init; } = [];

    public decimal Outstanding => Amount - Paid;

    public void MarkOverdue()
    {
        Status = InvoiceStatus.Overdue;
        Version++;
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

        var payment = new Payment { Id = Guid.NewGuid(), InvoiceId = Id, Amount = amount, ReceivedAt = at, RecordedBy = by };
        Payments.Add(payment);
        Paid += amount;
        if (Outstanding == 0)
        {
            Status = InvoiceStatus.PaidInFull;
        }

        Version++;
        return payment;
    }
}
