using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Messaging.Audit;

/// <summary>
/// Adds an audit record to every save of a call that stores events, so that the record is stored by the same
/// transaction as the write, or not at all: every change of an aggregate raises an event, and the record names the
/// write by them. Saves outside a call (a consumer, a background job) are the platform's own and carry their cause in
/// the event they consume.
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
        if (context is not MessagingDbContext messaging || calls.HttpContext is not { } http)
        {
            return;
        }

        var events = messaging.EventsToSave.Select(e => $"{ShortName(e.MessageType)} {e.AggregateId}").Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0)
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
            Target = TargetsOf(events),
            Outcome = AuditOutcome.Applied,
            Peer = call.Peer,
            TraceId = call.TraceId,
        });
    }

    private static string TargetsOf(List<string> events)
    {
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
