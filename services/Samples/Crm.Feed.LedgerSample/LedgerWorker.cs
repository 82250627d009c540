namespace Crm.Feed.LedgerSample;

/// <summary>Runs the ledger's sync for as long as the sample runs.</summary>
internal sealed class LedgerWorker(LedgerSync sync) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => sync.RunAsync(stoppingToken);
}
