using Crm.Contracts.Leads;

namespace Crm.Leads.Domain;

/// <summary>The person a lead held before <see cref="Lead.ErasePerson"/>: what to look for in copies.</summary>
public sealed record ErasedLead(ContactDetails Contact, string? EmailKey, string? PhoneKey);
