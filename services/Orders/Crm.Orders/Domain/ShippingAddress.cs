namespace Crm.Orders.Domain;

/// <summary>Where the order goes, as the won deal named it.</summary>
public sealed record ShippingAddress(string Street, string City, string? Region, string PostalCode, string Country);
