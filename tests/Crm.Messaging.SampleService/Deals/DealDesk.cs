using System.Globalization;
using Crm.Contracts;
using Crm.Contracts.Opportunities;
using Crm.Messaging.SampleService.Data;

namespace Crm.Messaging.SampleService.Deals;

/// <summary>The publisher's command: win deal number N, storing the deal and its OpportunityWon event together.</summary>
public static class DealDesk
{
    /// <summary>The same id for deal N in every run, so that a restarted publisher knows which deals it already won.</summary>
    public static Guid DealId(int number) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{number:D12}"));

    public static Guid CustomerOf(int number) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-9000-{number % 10:D12}"));

    /// <summary>An OpportunityWon for deal <paramref name="number"/> with one line (two units at 10 EUR).</summary>
    public static OpportunityWon Won(int number, bool withLines = true) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        CustomerOf(number),
        DealId(number),
        1,
        "rep-1",
        withLines ? [new OpportunityLine(Guid.Empty, "Support plan", 2, new Money("EUR", 10m))] : [],
        new Money("EUR", withLines ? 20m : 0m),
        DateOnly.FromDateTime(DateTime.UtcNow),
        null,
        null);

    /// <summary>Version <paramref name="version"/> of an opportunity's stage: the stages cycle, so each version has a known one.</summary>
    public static OpportunityStageChanged StageChanged(Guid opportunityId, long version) => new(
        Guid.NewGuid(),
        DateTimeOffset.UtcNow,
        CustomerOf(0),
        opportunityId,
        version,
        StageAt(version - 1),
        StageAt(version),
        (int)(version * 10 % 100),
        "rep-1");

    public static OpportunityStage StageAt(long version) => (OpportunityStage)(int)(version % 5);

    public static async Task WinAsync(SampleDbContext db, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var won = Won(number);
        db.Deals.Add(new Deal { Id = won.OpportunityId, CustomerId = won.CustomerId, Stage = "Won", Version = won.Version });
        db.Publish(won);
        await db.SaveChangesAsync(cancellationToken);
    }
}
