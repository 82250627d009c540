namespace Crm.Grpc.Security;

/// <summary>
/// The departments' roles as tokens carry them (the <c>role</c> claim, or the claim an operator names for another
/// provider). Each service decides what a role may do with its own data; the gateway only checks what it composes.
/// </summary>
public static class CrmRoles
{
    /// <summary>Campaigns and the leads they bring.</summary>
    public const string Marketing = "marketing";

    /// <summary>Qualifies and converts their team's leads.</summary>
    public const string InsideSales = "inside_sales";

    /// <summary>Works the opportunities they own or are on the team of.</summary>
    public const string OutsideSales = "outside_sales";

    /// <summary>Their team's deals, forecasts and reports.</summary>
    public const string SalesManager = "sales_manager";

    /// <summary>Books and ships orders.</summary>
    public const string OrderEntry = "order_entry";

    /// <summary>Invoices, payments and credit.</summary>
    public const string Accounting = "accounting";

    /// <summary>Cases about service; reads sales data.</summary>
    public const string CustomerService = "customer_service";

    /// <summary>Cases about problems; reads sales data.</summary>
    public const string TechnicalSupport = "technical_support";

    /// <summary>Everything, and the audit trail.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } =
        [Marketing, InsideSales, OutsideSales, SalesManager, OrderEntry, Accounting, CustomerService, TechnicalSupport, Administrator];
}
