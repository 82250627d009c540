using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Consumers;

/// <summary>
/// Attributes a won deal back to the lead it came from, for the return on each source and campaign: the lead knows
/// its opportunity's id from its conversion, so the win lands even before OpportunityOpened does. Once per event (the
/// inbox); a deal a rep opened without a lead changes nothing.
/// </summary>
public sealed class OpportunityWonConsumer(LeadsDbContext db) : InboxConsumer<OpportunityWon, LeadsDbContext>(db)
{
    protected override async Task ApplyAsync(OpportunityWon message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var lead = await context.Leads.SingleOrDefaultAsync(l => l.OpportunityId == message.OpportunityId, cancellationToken);
        lead?.RecordWin(message.Total, message.WonOn, message.OccurredAt);
    }
}
