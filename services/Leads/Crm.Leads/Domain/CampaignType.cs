namespace Crm.Leads.Domain;

/// <summary>The kind of a campaign, which decides the source of its leads; stored by name.</summary>
public enum CampaignType
{
    Unspecified,
    AdvertisingCampaign,
    TradeShowCampaign,
    EventCampaign,
    DirectMailCampaign,
    WebCampaign,
    PurchasedListCampaign,
}
