using System.Globalization;
using Crm.Common.Grpc.V1;
using Crm.Opportunities.Grpc.V1;
using Crm.Support.Grpc.V1;

namespace Crm.Gateway.Features.CustomerView;

/// <summary>The words the timeline uses for the APIs' enums and amounts: what a person says, not an enum's name.</summary>
public static class TimelineWords
{
    public static string Of(LeadSource source) => source switch
    {
        LeadSource.Advertising => "from advertising",
        LeadSource.TradeShow => "at a trade show",
        LeadSource.Event => "at an event",
        LeadSource.DirectMail => "from direct mail",
        LeadSource.WebForm => "from the web form",
        LeadSource.PurchasedList => "from a purchased list",
        LeadSource.Referral => "by referral",
        LeadSource.SocialMedia => "from social media",
        _ => "from another source",
    };

    public static string Of(Crm.Leads.Grpc.V1.TouchChannel channel) => channel switch
    {
        Crm.Leads.Grpc.V1.TouchChannel.Email => "Drip e-mail",
        Crm.Leads.Grpc.V1.TouchChannel.Letter => "Drip letter",
        Crm.Leads.Grpc.V1.TouchChannel.Fax => "Drip fax",
        _ => "Call asked of Inside Sales",
    };

    public static string Of(ActivityKind kind) => kind switch
    {
        ActivityKind.Call => "Call",
        ActivityKind.Meeting => "Meeting",
        ActivityKind.EmailIn => "E-mail received",
        ActivityKind.EmailOut => "E-mail sent",
        ActivityKind.Letter => "Letter",
        ActivityKind.Note => "Note",
        ActivityKind.DocumentSent => "Document sent",
        _ => "Activity",
    };

    public static string Of(Stage stage) => stage switch
    {
        Stage.Qualification => "qualification",
        Stage.Proposal => "proposal",
        Stage.Negotiation => "negotiation",
        Stage.HandlingObjections => "handling objections",
        Stage.Closing => "closing",
        Stage.Won => "won",
        Stage.Lost => "lost",
        _ => "an unknown stage",
    };

    public static string Of(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => "Phone call",
        InteractionChannel.Email => "E-mail",
        InteractionChannel.Chat => "Chat",
        InteractionChannel.OnSite => "Visit on site",
        InteractionChannel.Portal => "Portal message",
        _ => "Contact",
    };

    public static string Of(CaseKind kind) => kind == CaseKind.Problem ? "Problem" : "Inquiry";

    /// <summary>"12,000.00 EUR".</summary>
    public static string Of(Money? money) =>
        money is null ? "an unknown amount" : string.Create(CultureInfo.InvariantCulture, $"{money.Units + (money.Nanos / 1_000_000_000m):N2} {money.CurrencyCode}");

    /// <summary>"2026-12-01".</summary>
    public static string Of(Date? date) => date is null ? "an unknown day" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";
}
