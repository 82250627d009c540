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

    /// <summary>Adds a payment the caller has checked (positive, in the currency, not more than is open).</summary>
    public Payment Receive(decimal amount, DateTimeOffset at, string by)
    {
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
