using Crm.Contracts.Opportunities;
using Crm.Messaging.Inbox;
using Crm.Messaging.SampleService.Data;

namespace Crm.Messaging.SampleService.Consumers;

/// <summary>Keeps the latest stage of each opportunity: stale stage changes are skipped.</summary>
public sealed class PipelineConsumer(SampleDbContext db) : InboxConsumer<OpportunityStageChanged, SampleDbContext>(db)
{
    protected override bool SkipsStaleVersions => true;

    protected override async Task ApplyAsync(OpportunityStageChanged message, SampleDbContext context, CancellationToken cancellationToken)
    {
        var entry = await context.PipelineEntries.FindAsync([message.OpportunityId], cancellationToken);
        if (entry is null)
        {
            context.PipelineEntries.Add(new PipelineEntry { OpportunityId = message.OpportunityId, Stage = message.Stage.ToString(), Version = message.Version, Applied = 1 });
        }
        else
        {
            entry.Stage = message.Stage.ToString();
            entry.Version = message.Version;
            entry.Applied++;
        }
    }
}
