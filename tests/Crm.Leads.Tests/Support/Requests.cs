using Crm.Common.Grpc.V1;
using Crm.Leads.Grpc.V1;

namespace Crm.Leads.Tests.Support;

/// <summary>Valid requests a test changes one thing of; every lead gets an e-mail and a phone of its own.</summary>
internal static class Requests
{
    private static int _phones = Random.Shared.Next(1_000_000, 9_000_000);

    public static string Email() => $"buyer.{Guid.NewGuid():N}@example.com";

    /// <summary>A German number no other lead of this run has, as "+49 30 1234567".</summary>
    public static string Phone() => $"+49 30 {Interlocked.Increment(ref _phones)}";

    public static LaunchCampaignRequest Campaign(string name = "Hanover trade fair") => new()
    {
        Name = name,
        Type = CampaignType.TradeShowCampaign,
        StartsOn = new Date { Year = 2026, Month = 4, Day = 20 },
        EndsOn = new Date { Year = 2026, Month = 4, Day = 24 },
        Budget = new Money { CurrencyCode = "EUR", Units = 25_000 },
    };

    public static CaptureLeadRequest Lead(string? email = null, string? phone = null, string campaignId = "") => new()
    {
        Source = LeadSource.TradeShow,
        CampaignId = campaignId,
        Company = new Company
        {
            Name = "Nordwind Logistik GmbH",
            Industry = "Logistics",
            Website = "https://nordwind.example",
            EmployeeCount = 420,
            Address = new PostalAddress { Street = "Hafenstrasse 12", City = "Hamburg", PostalCode = "20457", Country = "DE" },
        },
        Contact = new Person
        {
            FirstName = "Greta",
            LastName = "Lindqvist",
            Title = "Head of Operations",
            Email = email ?? Email(),
            Phone = phone ?? Phone(),
            BuyingRole = BuyingRole.DecisionMaker,
        },
        Notes = "Met at the stand; asked for a demo.",
    };

    public static Qualification Bant() => new()
    {
        Budget = new Money { CurrencyCode = "EUR", Units = 80_000 },
        HasAuthority = true,
        Need = "Track 300 trucks across Europe in real time",
        DecisionBy = new Date { Year = 2026, Month = 9, Day = 30 },
        Urgency = Urgency.High,
        Requirements = { "SAP integration", "German data centre" },
    };
}
