using Crm.Contracts;
using Crm.Contracts.Orders;
using Crm.Domain;

namespace Crm.Orders.Domain;

/// <summary>
/// The name and billing address a customer is invoiced under, as the customer master last told them. Account events may
/// arrive out of order: one older than what the profile already took is ignored. A change of name or address raises
/// <see cref="BillingProfileChanged"/>; anything else on the account (industry, owner) changes nothing here.
/// </summary>
public sealed class BillingProfile : AggregateRoot
{
    private BillingProfile()
    {
    }

    public Guid CustomerId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public PostalAddress? Address { get; private set; }

    /// <summary>The account's version this profile was last taken from.</summary>
    public long AccountVersion { get; private set; }

    public static BillingProfile For(Guid customerId) => new() { CustomerId = customerId };

    /// <summary>Takes the account as it is at <paramref name="accountVersion"/>; false when it was older than what the
    /// profile has, or changed nothing it holds.</summary>
    public bool Learn(string name, PostalAddress? address, long accountVersion, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (accountVersion <= AccountVersion)
        {
            return false;
        }

        AccountVersion = accountVersion;
        if (Version > 0 && Name == name && Address == address)
        {
            return false;
        }

        (Name, Address) = (name, address);
        Version++;
        Raise(new BillingProfileChanged(Guid.CreateVersion7(at), at, CustomerId, Version, name, address));
        return true;
    }
}
