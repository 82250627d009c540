namespace Crm.Contracts.Leads;

/// <summary>The company a lead works for, as captured.</summary>
public sealed record CompanyDetails(string Name, string? Industry, string? Website, int? EmployeeCount, PostalAddress? Address);
