namespace Crm.Orders.Features.Credit;

/// <summary>The orders service's settings, from the <c>Orders</c> section.</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>How often open invoices are checked against today's date.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Invoices marked overdue per transaction; the check goes on until none is left.</summary>
    public int OverdueCheckBatchSize { get; set; } = 100;
}
