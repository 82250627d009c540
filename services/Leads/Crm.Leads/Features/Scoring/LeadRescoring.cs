using Crm.Leads.Data;
using Crm.Leads.Domain;
using CrmPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Leads.Features.Scoring;

/// <summary>
/// Scores again, at start, the leads scored by older rules (or before scoring existed), a thousand at a time, so that
/// lists and segments see every lead by the current rules. A lead that changes meanwhile is scored by its change.
/// </summary>
internal sealed partial class LeadRescoring(IServiceScopeFactory scopes, DatabaseSchema schema, ILogger<LeadRescoring> logger) : BackgroundService
{
    private const int BatchSize = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        var total = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadsDbContext>();
            var leads = await db.Leads.Where(l => l.ScoreRules < LeadScore.Rules).OrderBy(l => l.Position).Take(BatchSize).ToListAsync(stoppingToken);
            if (leads.Count == 0)
            {
                break;
            }

            foreach (var lead in leads)
            {
                lead.Rescore();
            }

            try
            {
                await db.SaveChangesAsync(stoppingToken);
                total += leads.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Some changed meanwhile, which scored them; the next batch takes the rest.
            }
        }

        if (total > 0)
        {
            LogRescored(total, LeadScore.Rules);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} leads scored by the rules of version {Rules}")]
    private partial void LogRescored(int count, int rules);
}
