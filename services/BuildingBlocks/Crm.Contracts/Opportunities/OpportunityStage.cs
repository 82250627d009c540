using System.Text.Json.Serialization;

namespace Crm.Contracts.Opportunities;

/// <summary>The stage of an opportunity; it drives the probability of winning.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OpportunityStage>))]
public enum OpportunityStage
{
    Qualification,
    Proposal,
    Negotiation,
    HandlingObjections,
    Closing,
    Won,
    Lost,
}
