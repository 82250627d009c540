using Crm.Contracts;

namespace Crm.Opportunities.Domain;

/// <summary>A person at a customer account and the part they play in the buying decision.</summary>
internal sealed class Contact
{
    public Guid ContactId { get; init; }

    public Guid CustomerId { get; init; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    /// <summary>Lower-case e-mail, for matching and search.</summary>
    public string? NormalizedEmail { get; set; }

    public string? Phone { get; set; }

    /// <summary>Digits only, for search.</summary>
    public string? NormalizedPhone { get; set; }

    public BuyingRole BuyingRole { get; set; }

    /// <summary>The person's word on each channel they gave one for (consent or opt-out), in channel order.</summary>
    public ChannelConsent[] Consents { get; set; } = [];

    public DateTimeOffset AddedAt { get; init; }
}
