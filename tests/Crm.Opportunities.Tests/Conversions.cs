using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Leads;
using MassTransit.Serialization;

namespace Crm.Opportunities.Tests;

/// <summary>
/// LeadConverted events as leads publishes them. Built from JSON on purpose: the contract is changing (its CustomerId is
/// being removed), and a field the test does not name must not break it.
/// </summary>
internal static class Conversions
{
    public static LeadConverted Of(string company, string? email, Guid? opportunityId = null, decimal? budget = null, DateOnly? decisionBy = null, BuyingRole role = BuyingRole.DecisionMaker)
    {
        var json = JsonSerializer.Serialize(
            new
            {
                EventId = Guid.NewGuid(),
                OccurredAt = DateTimeOffset.UtcNow,
                LeadId = Guid.NewGuid(),
                Version = 4L,
                Company = new CompanyDetails(company, "Manufacturing", "https://example.com", 120, new PostalAddress("Hauptstr. 1", "Berlin", null, "10115", "DE")),
                Contact = new ContactDetails("Ada", "Lovelace", "CTO", email, "+49 (30) 123-4567", role),
                Source = LeadSource.TradeShow,
                CampaignId = Guid.NewGuid(),
                Qualification = new Qualification(budget is { } b ? new Money("EUR", b) : null, true, "a shared customer record", decisionBy, 4, ["single sign-on"]),
                OpportunityId = opportunityId ?? Guid.NewGuid(),
                OpportunityOwnerId = "rep-ada",
                ConvertedBy = "inside-ian",
            },
            SystemTextJsonMessageSerializer.Options);
        return JsonSerializer.Deserialize<LeadConverted>(json, SystemTextJsonMessageSerializer.Options)!;
    }
}
