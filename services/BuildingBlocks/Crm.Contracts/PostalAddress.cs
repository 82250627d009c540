namespace Crm.Contracts;

/// <summary>A postal address, for billing and shipping.</summary>
public sealed record PostalAddress(string Street, string City, string? Region, string PostalCode, string Country);
