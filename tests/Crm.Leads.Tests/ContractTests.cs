using System.Text.Json;
using Crm.Contracts.Leads;
using MassTransit.Serialization;

namespace Crm.Leads.Tests;

/// <summary>The shape of the events leads publishes, as other services read them.</summary>
public sealed class ContractTests
{
    [Fact]
    public void LeadConverted_leaves_the_customer_to_opportunities_and_names_the_opportunity()
    {
        var converted = new LeadConverted(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), 3,
            new CompanyDetails("Nordwind Logistik GmbH", null, null, null, null),
            new ContactDetails("Greta", "Lindqvist", null, "greta@nordwind.example", null, Contracts.BuyingRole.DecisionMaker),
            Contracts.LeadSource.TradeShow, null, new Qualification(null, true, "Fleet tracking", null, 5, []),
            Guid.NewGuid(), "Nordwind fleet tracking", "oscar.outside", "ines.inside");

        var json = JsonDocument.Parse(JsonSerializer.Serialize(converted, SystemTextJsonMessageSerializer.Options)).RootElement;

        Assert.False(json.TryGetProperty("customerId", out _));
        Assert.Equal("Nordwind fleet tracking", json.GetProperty("opportunityName").GetString());
        Assert.Equal("DecisionMaker", json.GetProperty("contact").GetProperty("buyingRole").GetString());
        Assert.Equal(
            ["eventId", "occurredAt", "leadId", "version", "company", "contact", "source", "campaignId", "qualification", "opportunityId", "opportunityName", "opportunityOwnerId", "convertedBy", "salesTeam"],
            json.EnumerateObject().Select(p => p.Name),
            StringComparer.Ordinal);
    }
}
