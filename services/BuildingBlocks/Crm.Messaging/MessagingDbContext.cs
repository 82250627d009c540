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

    /// <summary>The outbox rows <see cref="PublishInBulkAsync"/> copied since the last save (not tracked: already written).</summary>
    private readonly List<OutboxMessage> _publishedInBulk = [];

    /// <summary>The transaction they were copied in: once it is gone (rolled back, or disposed without a commit), so are they.</summary>
    private Guid? _bulkTransactionId;

    /// <summary>Set by <see cref="Publish"/>, cleared when the relay has been woken up for it.</summary>
    internal bool HasUnsignalledEvents { get; set; }

    /// <summary>The events this save will store: those published since the last save and still tracked (a refused
    /// or conflicting command clears the tracker, and its events with it), and those copied in bulk in its transaction
    /// since the last save. Read without a full DetectChanges.</summary>
    internal IEnumerable<OutboxMessage> EventsToSave =>
        _published.Where(m => Entry(m).State == EntityState.Added)
            .Concat(Database.CurrentTransaction?.TransactionId is { } current && current == _bulkTransactionId ? _publishedInBulk : []);

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

    /// <summary>
    /// Stores the events <paramref name="aggregates"/> raised in the outbox now, with one binary COPY, for aggregates
    /// that were written by SQL in bulk rather than through the tracker (thousands of imported leads). The rows are the
    /// ones a save would write (<see cref="OutboxMessage.Of"/>, after <see cref="IntegrationEventsOf"/>), so the relay
    /// and every consumer see no difference. It must run in a transaction the caller opened, which the state was written
    /// in too: the commit wakes the relay, and the next save in that transaction names the events in its audit record.
    /// </summary>
    /// <returns>How many events were stored.</returns>
    public async Task<int> PublishInBulkAsync(IEnumerable<AggregateRoot> aggregates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var transaction = Database.CurrentTransaction
            ?? throw new InvalidOperationException("events are published in bulk inside the transaction that wrote their aggregates: begin one first");

        var rows = aggregates.SelectMany(a => a.TakeDomainEvents()).SelectMany(IntegrationEventsOf).Select(OutboxMessage.Of).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        await this.CopyAsync(rows, cancellationToken);
        if (_bulkTransactionId != transaction.TransactionId)
        {
            _publishedInBulk.Clear();
            _bulkTransactionId = transaction.TransactionId;
        }

        _publishedInBulk.AddRange(rows);
        HasUnsignalledEvents = true;
        return rows.Count;
    }

    /// <summary>Stores the events the tracked aggregates raised in the outbox, then saves them with the state.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PublishDomainEvents();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        ForgetPublished();
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
        ForgetPublished();
        return saved;
    }

    /// <summary>Forgets the events copied in bulk: their transaction rolled back, and they with it.</summary>
    internal void ForgetPublishedInBulk() => _publishedInBulk.Clear();

    private void ForgetPublished()
    {
        _published.Clear();
        _publishedInBulk.Clear();
    }

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
