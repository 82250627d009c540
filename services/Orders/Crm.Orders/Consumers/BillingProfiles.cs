using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Messaging.Data;
using Crm.Messaging.Inbox;
using Crm.Orders.Data;
using Crm.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Orders.Consumers;

/// <summary>Keeps the customer's billing profile from the customer master's account events (both carry the whole profile).</summary>
internal static class BillingProfiles
{
    public static async Task LearnAsync(OrdersDbContext context, Guid customerId, string name, PostalAddress? address, long accountVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Two events of one account may be consumed at once: the lock makes the second see what the first stored.
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"billing:" + customerId}, 0))", cancellationToken);
        var profile = await context.BillingProfiles.SingleOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        if (profile is null)
        {
            profile = BillingProfile.For(customerId);
            context.BillingProfiles.Add(profile);
        }

        profile.Learn(name, address, accountVersion, at);
    }
}
