using System.Text.Json.Serialization;

namespace Crm.Leads.Domain;

/// <summary>Whom a segment holds: leads (prospects), customers' contacts (for news to existing customers), or both.
/// Stored by name in the segment's jsonb filter, which the database's <c>segment_holds</c> functions read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SegmentAudience>))]
public enum SegmentAudience
{
    Leads,
    Contacts,
    LeadsAndContacts,
}
