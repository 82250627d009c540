using System.Text.Json.Serialization;

namespace Crm.Contracts;

/// <summary>Where a lead came from; every lead has one, so that ROI and close ratio per source can be reported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LeadSource>))]
public enum LeadSource
{
    Advertising,
    TradeShow,
    Event,
    DirectMail,
    WebForm,
    PurchasedList,
    Referral,
    SocialMedia,
    Other,
}
