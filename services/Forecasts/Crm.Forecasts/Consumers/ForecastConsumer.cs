using Crm.Contracts;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain;
using Crm.Forecasts.Domain.Flow;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Consumers;

/// <summary>
/// The forecast's consumers: each opportunity event updates the opportunity's one row and adds a step to its history. The row is locked
/// while the event applies, so two events of one deal apply one after the other, and the row's version decides what a
/// late event may still change (<see cref="ForecastEntry.Apply"/>).
/// </summary>
internal class ForecastConsumer<TEvent>(ForecastsDbContext db) : InboxConsumer<TEvent, ForecastsDbContext>(db)
    where TEvent : class, IIntegrationEvent
{
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

        var facts = ForecastFacts.Of(message) ?? throw new InvalidOperationException($"{typeof(TEvent).Name} tells no forecast facts");
        entry.Apply(message.Version, facts);

        // The deal's history keeps every step, for the flow forecast to learn how deals move. A version already kept is
        // the same change published again (under another event id): the first stays.
        var s = DealStep.Of(id, message.Version, message.OccurredAt, facts);
        var (stage, category) = (s.Stage?.ToString(), s.Category?.ToString());
        await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO deal_steps (opportunity_id, version, "on", owner_id, sales_team, stage, probability, amount, currency, close_on, closed_on, category)
            VALUES ({s.OpportunityId}, {s.Version}, {s.On}, {s.OwnerId}, {s.SalesTeam}, {stage}, {s.Probability}, {s.Amount}, {s.Currency}, {s.CloseOn}, {s.ClosedOn}, {category})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
    }
}
