namespace Crm.Support.Domain;

/// <summary>A customer as support knows it from the customer master (AccountCreated): enough to refuse a case for nobody.</summary>
public sealed record Customer(Guid CustomerId, string Name, DateTimeOffset KnownSince);
