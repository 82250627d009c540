using System.Text.Json.Serialization;

namespace Crm.Contracts.Orders;

/// <summary>Why an order could not be booked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderRejectionReason>))]
public enum OrderRejectionReason
{
    CreditHold,
    InvalidLines,
    UnknownCustomer,
}
