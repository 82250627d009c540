using Crm.Contracts;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Consumers;

/// <summary>
/// The base of the forecast's consumers: each opportunity event updates the opportunity's one row. The row is locked
/// while the event applies, so two events of one deal apply one after the other, and the row's version decides what a
/// late event may still change (<see cref="ForecastEntry.Apply"/>).
/// </summary>
internal abstract class ForecastConsumer<TEvent>(ForecastsDbContext db) : InboxConsumer<TEvent, ForecastsDbContext>(db)
    where TEvent : class, IIntegrationEvent
{
    protected abstract ForecastFacts Facts(TEvent message);

    protected override async Task ApplyAsync(TEvent message, ForecastsDbContext context, CancellationToken cancellationToken)
    {
        var id = message.AggregateId;
        var entry = await context.Entries
            .FromSql($"SELECT * FROM forecast_entries WHERE opportunity_id = {id} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            // Two first events of one deal at once: one insert loses on the key, and its retry finds the row.
            entry = new ForecastEntry { OpportunityId = id };
            context.Entries.Add(entry);
        }

        entry.Apply(message.Version, Facts(message));
    }
}
