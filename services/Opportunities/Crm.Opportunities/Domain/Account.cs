namespace Crm.Opportunities.Domain;

/// <summary>
/// A customer account: the customer master. Its <see cref="CustomerId"/> is the one id every service uses for the
/// customer from the moment the account exists.
/// </summary>
internal sealed class Account
{
    public Guid CustomerId { get; init; }

    public required string Name { get; set; }

    /// <summary>The name as matched on lead conversion (<see cref="CustomerMatching.NormalizeName"/>); unique.</summary>
    public required string NormalizedName { get; set; }

    public string? Industry { get; set; }

    public string? Website { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; }

    public string? OwnerId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>1 when created, one more for each change (a contact added); AccountCreated and ContactAdded carry it.</summary>
    public long Version { get; set; }

    public ICollection<Contact> Contacts { get; } = [];
}
