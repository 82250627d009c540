using Crm.Contracts.Orders;
using Crm.Messaging.Inbox;
using Crm.Opportunities.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Opportunities.Consumers;

/// <summary>
/// Learns the customer's credit standing from orders, so that sales sees the hold on the account and no deal is won
/// for a customer whose order would be refused. The newest standing wins: a stale event (a hold announced before the
/// release that arrived first) changes nothing.
/// </summary>
internal sealed partial class CreditStatusChangedConsumer(OpportunitiesDbContext db, ILogger<CreditStatusChangedConsumer> logger)
    : InboxConsumer<CreditStatusChanged, OpportunitiesDbContext>(db)
{
    protected override bool SkipsStaleVersions => true;

    protected override async Task ApplyAsync(CreditStatusChanged message, OpportunitiesDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var account = await context.Accounts.FirstOrDefaultAsync(a => a.CustomerId == message.CustomerId, cancellationToken);
        if (account is null)
        {
            LogUnknownCustomer(message.CustomerId);
            return;
        }

        account.RecordCreditStanding(message.Status, message.Reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credit standing of customer {CustomerId}, which has no account here; ignored")]
    private partial void LogUnknownCustomer(Guid customerId);
}
