namespace Crm.Contracts.Leads;

/// <summary>The person behind a lead and their part in the buying decision.</summary>
public sealed record ContactDetails(string FirstName, string LastName, string? Title, string? Email, string? Phone, BuyingRole BuyingRole);
