namespace Crm.Leads.Domain;

/// <summary>A customer account as its contacts' segments need it, from opportunities' AccountCreated and
/// AccountUpdated: kept so that a contact whose ContactAdded arrives after the account's events learns it too.</summary>
public sealed class KnownCustomer
{
    private KnownCustomer()
    {
    }

    public Guid CustomerId { get; private set; }

    /// <summary>The account's version its latest applied event carried.</summary>
    public long Version { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Industry { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, of the billing address, in upper case.</summary>
    public string? Country { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static KnownCustomer New(Guid customerId) => new() { CustomerId = customerId };

    /// <summary>The account as of <paramref name="version"/> (from 1); false (nothing changes) for an event no newer
    /// than the one applied, which arrived late.</summary>
    public bool Describe(long version, string name, string? industry, string? country, DateTimeOffset at)
    {
        if (version <= Version)
        {
            return false;
        }

        (Version, Name, Industry, Country, UpdatedAt) = (version, name, industry, country?.ToUpperInvariant(), at);
        return true;
    }
}
