using Crm.Contracts;
using Crm.Forecasts.Data;
using Crm.Forecasts.Domain.Activities;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Forecasts.Consumers;

/// <summary>
/// The activity reports' consumers: each event that carries an interaction adds its one row. The interaction published
/// again under another event id finds its row there and adds nothing.
/// </summary>
internal class ActivityConsumer<TEvent>(ForecastsDbContext db) : InboxConsumer<TEvent, ForecastsDbContext>(db)
    where TEvent : class, IIntegrationEvent
{
    protected override async Task ApplyAsync(TEvent message, ForecastsDbContext context, CancellationToken cancellationToken)
    {
        var a = LoggedActivity.Of(message) ?? throw new InvalidOperationException($"{typeof(TEvent).Name} carries no interaction");
        var (type, outcome, department) = (a.Type.ToString(), a.Outcome?.ToString(), a.Department?.ToString());
        await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO logged_activities (activity_id, customer_id, type, outcome, department, logged_by, sales_team, happened_on)
            VALUES ({a.ActivityId}, {a.CustomerId}, {type}, {outcome}, {department}, {a.LoggedBy}, {a.SalesTeam}, {a.HappenedOn})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
    }
}
