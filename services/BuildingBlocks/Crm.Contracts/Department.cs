using System.Text.Json.Serialization;

namespace Crm.Contracts;

/// <summary>The departments of the selling company: who did something, whose reports count it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Department>))]
public enum Department
{
    Marketing,
    InsideSales,
    OutsideSales,
    SalesManagement,
    OrderEntry,
    Accounting,
    CustomerService,
    TechnicalSupport,
}
