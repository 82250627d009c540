namespace Crm.Orders.Domain;

/// <summary>Money received against an invoice, in its currency.</summary>
public sealed class Payment
{
    public required Guid Id { get; init; }

    public required Guid InvoiceId { get; init; }

    public decimal Amount { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public required string RecordedBy { get; init; }
}
