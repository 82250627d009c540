using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>A change of an account's profile (<see cref="Account.Update"/>): a null part keeps its value, an empty string clears it.</summary>
internal sealed record AccountProfile(string? Name, string? Industry, string? Website, PostalAddress? Address, string? OwnerId);
