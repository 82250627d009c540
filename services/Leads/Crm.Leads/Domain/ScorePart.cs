using System.Text.Json.Serialization;

namespace Crm.Leads.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ScorePart>))]
public enum ScorePart
{
    /// <summary>Who the lead is: the company's size, the person's buying role, what qualification learnt.</summary>
    Fit,

    /// <summary>What the lead did: calls answered, meetings held, opt-outs.</summary>
    Engagement,
}
