using Crm.Messaging.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Messaging.Audit;

/// <summary>
/// Adds an audit record to every save a call makes, so that the record is stored by the same transaction as the
/// write, or not at all. The record names what the write changed by the events it stores (the outbox rows added):
/// every change of an aggregate raises one. Saves outside a call (a consumer, a background job) are the platform's
/// own and carry their cause in the event they consume.
/// </summary>
internal sealed class WriteAuditInterceptor(IHttpContextAccessor calls, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The most events a record names one by one; a bulk write names the rest by their number.</summary>
    private const int NamedTargets = 20;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData?.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is not MessagingDbContext || calls.HttpContext is not { } http)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        if (!context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditRecord))
        {
            return;
        }

        var call = AuditedCall.Of(http);
        context.Set<AuditRecord>().Add(new AuditRecord
        {
            At = clock.GetUtcNow(),
            Actor = call.Actor,
            Roles = call.Roles,
            Action = call.Action,
            Target = TargetsOf(context),
            Outcome = AuditOutcome.Applied,
            Peer = call.Peer,
            TraceId = call.TraceId,
        });
    }

    private static string? TargetsOf(DbContext context)
    {
        var events = context.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => $"{ShortName(e.Entity.MessageType)} {e.Entity.AggregateId}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (events.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", events.Take(NamedTargets));
        return events.Count > NamedTargets ? $"{named} and {events.Count - NamedTargets} more" : named;
    }

    /// <summary>"Crm.Contracts.Leads.LeadQualified, Crm.Contracts" is "LeadQualified".</summary>
    private static string ShortName(string messageType)
    {
        var fullName = messageType.Split(',')[0];
        return fullName[(fullName.LastIndexOf('.') + 1)..];
    }
}
