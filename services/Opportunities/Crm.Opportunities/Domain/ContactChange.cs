using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>A change of a contact (<see cref="Account.UpdateContact"/>): a null part keeps its value, an empty string clears it.</summary>
internal sealed record ContactChange(string? FirstName, string? LastName, string? Title, string? Email, string? Phone, BuyingRole? BuyingRole);
