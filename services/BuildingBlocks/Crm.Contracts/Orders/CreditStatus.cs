using System.Text.Json.Serialization;

namespace Crm.Contracts.Orders;

/// <summary>Whether a customer may place new orders.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreditStatus>))]
public enum CreditStatus
{
    Good,
    Hold,
}
