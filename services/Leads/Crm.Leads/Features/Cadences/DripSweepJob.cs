using Quartz;

namespace Crm.Leads.Features.Cadences;

/// <summary>
/// The scheduler's job: one sweep. Quartz runs it on one replica at a time across the cluster (the job store's locks in
/// the leads database), and the sweep's row locks keep a step from running twice even if two sweeps overlapped.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DripSweepJob(DripSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("drip-sweep", "drip");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweeper.RunOnceAsync(cancellationToken);
}
