using CrmPlatform.ServiceDefaults;
using Quartz;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// Starts the drip scheduler once the database is migrated (the scheduler's tables come with the migrations), and
/// stops it with the service, letting a running sweep finish.
/// </summary>
internal sealed class DripScheduling([FromKeyedServices(DripExtensions.Scheduler)] ISchedulerFactory schedulers, DatabaseSchema schema) : BackgroundService
{
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await schema.WaitUntilReadyAsync(stoppingToken))
        {
            return;
        }

        _scheduler = await schedulers.GetScheduler(stoppingToken);
        await _scheduler.Start(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
