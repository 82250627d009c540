using Crm.Contracts.Orders;

namespace Crm.Contracts.Feed;

/// <summary>
/// The events an accounting system needs, as the feed names them. A field added to a contract is a new minor version
/// of its schema; a breaking change is a new type (<c>..._v2</c>) published beside the old one for a while
/// (docs/feed.md). Each version's JSON Schema is published in <c>protos/crm/feed/v1/schemas/{type}/{version}.json</c>,
/// and a test fails when a contract no longer matches its type's current schema.
/// </summary>
public static class FeedCatalogue
{
    /// <summary>The CloudEvents <c>source</c> of every event here.</summary>
    public const string Source = "/crm/orders";

    public static IReadOnlyList<FeedType> Types { get; } =
    [
        new("crm.orders.order_booked", "1.0", typeof(OrderBooked)),
        new("crm.orders.order_rejected", "1.0", typeof(OrderRejected)),
        new("crm.orders.order_shipped", "1.0", typeof(OrderShipped)),
        new("crm.orders.invoice_issued", "1.0", typeof(InvoiceIssued)),
        new("crm.orders.payment_received", "1.0", typeof(PaymentReceived)),
        new("crm.orders.invoice_overdue", "1.0", typeof(InvoiceOverdue)),
        new("crm.orders.credit_status_changed", "1.0", typeof(CreditStatusChanged)),
        new("crm.orders.billing_profile_changed", "1.0", typeof(BillingProfileChanged)),
    ];

    private static readonly Dictionary<string, FeedType> ByType = Types.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public static FeedType? Find(string type) => ByType.GetValueOrDefault(type);
}
