using System.Text.Json;
using Crm.Contracts;
using Crm.Contracts.Leads;
using MassTransit.Serialization;

namespace Crm.Opportunities.Tests;

/// <summary>
/// LeadConverted events as leads publishes them. Built from JSON, as the broker delivers them: a field the test does not
/// name (the contract still grows) is left at its default instead of breaking the tests.
/// </summary>
internal static class Conversions
{
    public static LeadConverted Of(string company, string? email, Guid? opportunityId = null, decimal? budget = null, DateOnly? decisionBy = null, BuyingRole role = BuyingRole.DecisionMaker, string? name = null)
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
                OpportunityName = name ?? string.Empty,
                OpportunityOwnerId = "rep-ada",
                ConvertedBy = "inside-ian",
            },
            SystemTextJsonMessageSerializer.Options);
        return JsonSerializer.Deserialize<LeadConverted>(json, SystemTextJsonMessageSerializer.Options)!;
    }
}
