using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;
using Crm.Opportunities.Grpc.V1;

namespace CrmPlatform.AppHost.Demo;

/// <summary>A small, realistic company's CRM: three campaigns, leads in every state, deals in every stage.</summary>
internal static class DemoData
{
    /// <summary>The customer a newcomer should open first: every department has something to say about it.</summary>
    public const string FeaturedCompany = "Northwind Robotics";

    public static IReadOnlyList<(string Name, CampaignType Type, decimal Cost)> Campaigns { get; } =
    [
        ("Automatica 2026", CampaignType.TradeShowCampaign, 48_500m),
        ("Smart factory webinars", CampaignType.WebCampaign, 6_200m),
        ("Plant managers mailing", CampaignType.DirectMailCampaign, 3_900m),
    ];

    public static IReadOnlyList<DemoLead> Leads { get; } =
    [
        new(FeaturedCompany, ("Grace", "Okafor"), "COO", BuyingRole.EconomicBuyer, LeadSource.TradeShow, 0, DemoOutcome.Converted, Stage.Won, 184_000m),
        new("Contoso Machining", ("Rafael", "Ortiz"), "Head of Production", BuyingRole.DecisionMaker, LeadSource.WebForm, 1, DemoOutcome.Converted, Stage.Proposal, 62_000m),
        new("Fabrikam Foods", ("Mei", "Tanaka"), "Plant Manager", BuyingRole.DecisionMaker, LeadSource.DirectMail, 2, DemoOutcome.Converted, Stage.Negotiation, 95_500m),
        new("Tailspin Logistics", ("Jonas", "Weber"), "CTO", BuyingRole.TechnicalEvaluator, LeadSource.TradeShow, 0, DemoOutcome.Converted, Stage.Closing, 143_000m),
        new("Adventure Works Cycles", ("Priya", "Nair"), "Operations Director", BuyingRole.EconomicBuyer, LeadSource.Referral, -1, DemoOutcome.Converted, Stage.HandlingObjections, 51_200m),
        new("Litware Plastics", ("Tom", "Becker"), "Purchasing", BuyingRole.Influencer, LeadSource.WebForm, 1, DemoOutcome.Converted, Stage.Lost, 38_000m),
        new("Wide World Importers", ("Lena", "Fischer"), "Supply Chain Lead", BuyingRole.User, LeadSource.Advertising, -1, DemoOutcome.Qualified),
        new("Proseware Metals", ("Omar", "Haddad"), "Maintenance Lead", BuyingRole.TechnicalEvaluator, LeadSource.TradeShow, 0, DemoOutcome.Qualified),
        new("Blue Yonder Packaging", ("Sara", "Lind"), "Engineer", BuyingRole.User, LeadSource.DirectMail, 2, DemoOutcome.Disqualified),
        new("Margie's Textiles", ("Ben", "Ross"), "Owner", BuyingRole.DecisionMaker, LeadSource.PurchasedList, -1, DemoOutcome.Disqualified),
        new("Coho Winery", ("Ana", "Silva"), "Cellar Master", BuyingRole.Influencer, LeadSource.SocialMedia, -1, DemoOutcome.New),
        new("Trey Research Labs", ("Ivan", "Petrov"), "Lab Manager", BuyingRole.User, LeadSource.WebForm, 1, DemoOutcome.New),
        new("Alpine Ski House", ("Heidi", "Moser"), "Facilities", BuyingRole.Gatekeeper, LeadSource.Event, -1, DemoOutcome.New),
    ];

    public static string Email((string First, string Last) contact, string company) =>
        $"{contact.First.ToLowerInvariant()}.{contact.Last.ToLowerInvariant()}@{new string(company.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()}.example";
}
