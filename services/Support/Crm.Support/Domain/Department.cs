namespace Crm.Support.Domain;

/// <summary>The department of whoever logged an interaction, as the shared timeline shows it; stored by name.</summary>
public enum Department
{
    Unspecified,
    Marketing,
    InsideSales,
    OutsideSales,
    SalesManagement,
    OrderEntry,
    Accounting,
    CustomerService,
    TechnicalSupport,
}
