using System.Text.Json.Serialization;

namespace Crm.Contracts;

/// <summary>A contact's part in the buying decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BuyingRole>))]
public enum BuyingRole
{
    EconomicBuyer,
    DecisionMaker,
    TechnicalEvaluator,
    Influencer,
    User,
    Gatekeeper,
    Unknown,
}
