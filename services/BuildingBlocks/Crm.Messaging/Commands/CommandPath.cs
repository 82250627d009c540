using Crm.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.Commands;

/// <summary>
/// The one path of every command that changes an aggregate: load it for change, check the version the caller saw,
/// apply the rule, save the state and the events the rule raised in one transaction, and hand back the result.
/// <para>
/// Concurrency is optimistic everywhere: nothing is locked while a command runs, and the save fails when another
/// command saved the same aggregate (or another one the rule changed) since it was loaded. A caller that named the
/// version it saw (<c>expected_version</c>) is told so (ABORTED) and decides again on fresh data; a caller that did
/// not gets the command applied again on the fresh state, up to <see cref="Attempts"/> times, so that two payments on
/// one invoice both land as they would one after the other, each checked against what the other left.
/// </para>
/// </summary>
public static class CommandPath
{
    /// <summary>How many times a command without an expected version is applied before its conflict is reported.</summary>
    public const int Attempts = 3;

    /// <inheritdoc cref="CommandPath"/>
    /// <param name="db">The service's context; its tracker is cleared after a refusal or a conflict, so that nothing half-applied is saved later.</param>
    /// <param name="load">Loads the aggregate with what the rule needs (tracked); null when it does not exist.</param>
    /// <param name="target">The aggregate as messages name it.</param>
    /// <param name="expectedVersion">The version the caller saw; 0 checks nothing.</param>
    /// <param name="apply">The rule; it may load and change other aggregates of the same context.</param>
    /// <param name="cancellationToken">Ends the command; nothing is saved unless the save itself completed.</param>
    /// <param name="mayChange">Whether the caller may change this aggregate at all (another team's deal), checked
    /// before the version, so that a caller it refuses learns nothing of the aggregate's state.</param>
    public static async Task<Result<TAggregate>> ChangeAsync<TAggregate>(
        this MessagingDbContext db,
        Func<CancellationToken, Task<TAggregate?>> load,
        CommandTarget target,
        long expectedVersion,
        Func<TAggregate, CancellationToken, Task<Result>> apply,
        CancellationToken cancellationToken,
        Func<TAggregate, Result>? mayChange = null)
        where TAggregate : AggregateRoot
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(apply);
        for (var attempt = 1; ; attempt++)
        {
            var aggregate = await load(cancellationToken);
            if (aggregate is null)
            {
                return DomainError.NotFound($"{target.Subject} does not exist", target.IdField);
            }

            if (mayChange?.Invoke(aggregate).Error is { } refusedCaller)
            {
                db.ChangeTracker.Clear();
                return refusedCaller;
            }

            if (expectedVersion != 0 && expectedVersion != aggregate.Version)
            {
                db.ChangeTracker.Clear();
                return DomainError.Conflict($"{target.Subject} is at version {aggregate.Version}, not {expectedVersion}: it changed since it was read; read it again and retry");
            }

            if ((await apply(aggregate, cancellationToken)).Error is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return aggregate;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (expectedVersion != 0 || attempt == Attempts)
                {
                    return DomainError.Conflict($"{target.Subject} changed meanwhile: read it again and retry");
                }
            }
        }
    }

    /// <inheritdoc cref="ChangeAsync{TAggregate}(MessagingDbContext, Func{CancellationToken, Task{TAggregate}}, CommandTarget, long, Func{TAggregate, CancellationToken, Task{Result}}, CancellationToken, Func{TAggregate, Result})"/>
    public static Task<Result<TAggregate>> ChangeAsync<TAggregate>(
        this MessagingDbContext db,
        Func<CancellationToken, Task<TAggregate?>> load,
        CommandTarget target,
        long expectedVersion,
        Func<TAggregate, Result> apply,
        CancellationToken cancellationToken,
        Func<TAggregate, Result>? mayChange = null)
        where TAggregate : AggregateRoot
    {
        ArgumentNullException.ThrowIfNull(apply);
        return db.ChangeAsync(load, target, expectedVersion, (aggregate, _) => Task.FromResult(apply(aggregate)), cancellationToken, mayChange);
    }
}
