using Crm.Contracts.Opportunities;
using Crm.Leads.Data;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Consumers;

/// <summary>
/// Learns which customer a converted lead became: the opportunities service decides it (matching the company to an
/// account or creating one) and announces it with OpportunityOpened. Once per event (the inbox); an opportunity a rep
/// opened without a lead, or for a lead this service does not know, changes nothing.
/// </summary>
public sealed partial class OpportunityOpenedConsumer(LeadsDbContext db, ILogger<OpportunityOpenedConsumer> logger)
    : InboxConsumer<OpportunityOpened, LeadsDbContext>(db)
{
    protected override async Task ApplyAsync(OpportunityOpened message, LeadsDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (message.LeadId is not { } leadId)
        {
            return;
        }

        var lead = await context.Leads.SingleOrDefaultAsync(l => l.LeadId == leadId, cancellationToken);
        if (lead is null)
        {
            LogUnknownLead(message.OpportunityId, leadId);
            return;
        }

        lead.LinkOpportunity(message.CustomerId, message.OpportunityId, message.OccurredAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId} names lead {LeadId}, which this service does not know; ignored")]
    private partial void LogUnknownLead(Guid opportunityId, Guid leadId);
}
