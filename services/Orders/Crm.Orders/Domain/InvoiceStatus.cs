namespace Crm.Orders.Domain;

/// <summary>Where an invoice stands (stored as its name).</summary>
public enum InvoiceStatus
{
    Open,
    Overdue,
    PaidInFull,
}
