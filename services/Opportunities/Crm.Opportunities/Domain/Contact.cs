using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>A person at a customer account and the part they play in the buying decision.</summary>
internal sealed class Contact
{
    public Guid ContactId { get; init; }

    public Guid CustomerId { get; init; }

    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public string? Title { get; init; }

    public string? Email { get; init; }

    /// <summary>Lower-case e-mail, for matching and search.</summary>
    public string? NormalizedEmail { get; init; }

    public string? Phone { get; init; }

    /// <summary>Digits only, for search.</summary>
    public string? NormalizedPhone { get; init; }

    public BuyingRole BuyingRole { get; init; }

    public DateTimeOffset AddedAt { get; init; }
}
