using Crm.Contracts;
using Crm.Domain;
using Crm.Messaging.Data;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging;

/// <summary>
/// The base of a service's DbContext: it holds the transactional outbox. <see cref="Publish"/> adds an event to the
/// outbox, and the next <c>SaveChanges</c> (or the commit of the transaction around it) stores it atomically with the
/// state change; the relay publishes it after the commit. Override <see cref="OnModelCreating"/> and call the base.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The outbox rows <see cref="Publish"/> added since the last save (the audit trail names a write by them).</summary>
    private readonly List<OutboxMessage> _published = [];

    /// <summary>Set by <see cref="Publish"/>, cleared when the relay has been woken up for it.</summary>
    internal bool HasUnsignalledEvents { get; set; }

    /// <summary>The events this save will store: those published since the last save and still tracked (a refused
    /// or conflicting command clears the tracker, and its events with it). Read without a full DetectChanges.</summary>
    internal IEnumerable<OutboxMessage> EventsToSave => _published.Where(m => Entry(m).State == EntityState.Added);

    /// <summary>
    /// Adds <paramref name="integrationEvent"/> to the outbox, with the current trace context and a correlation id (the
    /// event being consumed, when called from a consumer; the event itself otherwise). It is stored by the next save.
    /// </summary>
    public void Publish(IIntegrationEvent integrationEvent)
    {
        var row = OutboxMessage.Of(integrationEvent);
        Set<OutboxMessage>().Add(row);
        _published.Add(row);
        HasUnsignalledEvents = true;
    }

    /// <summary>Stores the events the tracked aggregates raised in the outbox, then saves them with the state.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PublishDomainEvents();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        ForgetSaved();
        return saved;
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PublishDomainEvents();
        return SaveAndForgetAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private async Task<int> SaveAndForgetAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ForgetSaved();
        return saved;
    }

    /// <summary>
    /// Stops tracking the outbox rows just saved: nothing reads them back through this context, and a context that
    /// saves many times (an import, batch after batch) would otherwise hold every event body it ever wrote.
    /// </summary>
    private void ForgetSaved()
    {
        foreach (var row in _published)
        {
            if (Entry(row).State == EntityState.Unchanged)
            {
                Entry(row).State = EntityState.Detached;
            }
        }

        ForgetPublished();
    }

    private void ForgetPublished() => _published.Clear();

    /// <summary>
    /// The one place where a domain event becomes what other services receive. An event that is already an
    /// integration event (a contract) is published as it is; a service whose aggregates raise events of their own
    /// overrides this to translate them.
    /// </summary>
    protected virtual IEnumerable<IIntegrationEvent> IntegrationEventsOf(IDomainEvent domainEvent) =>
        domainEvent is IIntegrationEvent integrationEvent
            ? [integrationEvent]
            : throw new InvalidOperationException($"{domainEvent?.GetType().Name} has no integration form: override IntegrationEventsOf in {GetType().Name}");

    private void PublishDomainEvents()
    {
        // ToList: publishing adds outbox rows to the tracker being enumerated.
        foreach (var aggregate in ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).ToList())
        {
            foreach (var integrationEvent in aggregate.TakeDomainEvents().SelectMany(IntegrationEventsOf))
            {
                Publish(integrationEvent);
            }
        }
    }

    /// <remarks>
    /// Contexts are pooled: disposing one hands it back for the next scope, so the flag of events published and never
    /// saved (a command that failed before its save) must not wake the relay on that next scope's commit.
    /// </remarks>
    public override void Dispose()
    {
        HasUnsignalledEvents = false;
        ForgetPublished();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="Dispose"/>
    public override async ValueTask DisposeAsync()
    {
        HasUnsignalledEvents = false;
        ForgetPublished();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Applies the outbox's configuration and every <see cref="IEntityTypeConfiguration{TEntity}"/> in the derived
    /// context's assembly (one per entity); column names follow the snake-case convention set where the context is
    /// registered. A derived context that overrides this calls the base.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MessagingDbContext).Assembly);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
    }
}
