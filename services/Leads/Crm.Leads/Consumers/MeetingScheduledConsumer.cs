using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Consumers;

/// <summary>
/// Counts a meeting scheduled with a customer as engagement of the lead it came from (the lead of the meeting's deal,
/// or every lead converted into the customer when the meeting is about no deal), which the lead's score counts. Once
/// per event (the inbox); a customer no lead became changes nothing.
/// </summary>
public sealed class MeetingScheduledConsumer(LeadsDbContext db) : InboxConsumer<MeetingScheduled, LeadsDbContext>(db)
{
    protected override async Task ApplyAsync(MeetingScheduled message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var leads = message.OpportunityId is { } opportunityId
            ? await context.Leads.Where(l => l.OpportunityId == opportunityId).ToListAsync(cancellationToken)
            : [];
        if (leads.Count == 0)
        {
            leads = await context.Leads.Where(l => l.CustomerId == message.CustomerId).ToListAsync(cancellationToken);
        }

        foreach (var lead in leads)
        {
            lead.RecordMeeting(message.OccurredAt);
        }
    }
}
