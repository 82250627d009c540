using Crm.Contracts;
using Crm.Grpc;
using Grpc.Core;
using Crm.Opportunities.Domain;
using Shared = Crm.Common.Grpc.V1;

namespace Crm.Opportunities.Features;

/// <summary>Where a won deal ships, as the request states it (without one, the account's address: see WinOpportunity).</summary>
internal static class ShipToAddress
{
    public static (PostalAddress? Address, Status Status) Read(Shared.PostalAddress? address, string field)
    {
        if (address is null)
        {
            return (null, Status.Ok);
        }

        foreach (var (value, name) in new[] { (address.Street, "street"), (address.City, "city"), (address.PostalCode, "postal_code"), (address.Country, "country") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return (null, Status.InvalidArgument($"{field}.{name}", "is required"));
            }
        }

        if (address.Country.Length != 2 || !address.Country.All(char.IsAsciiLetterUpper))
        {
            return (null, Status.InvalidArgument(field + ".country", "must be an ISO 3166-1 alpha-2 code such as DE"));
        }

        var region = string.IsNullOrWhiteSpace(address.Region) ? null : address.Region.Trim();
        return (new PostalAddress(address.Street.Trim(), address.City.Trim(), region, address.PostalCode.Trim(), address.Country), Status.Ok);
    }
}
