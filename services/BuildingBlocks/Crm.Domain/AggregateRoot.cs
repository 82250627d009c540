namespace Crm.Domain;

/// <summary>
/// The root of an aggregate: what a command loads, changes through its rules and saves whole. <see cref="Version"/>
/// grows by one with every change; it is the optimistic concurrency token and the version the change's events carry.
/// The events a rule raises wait here until the save stores them, with the state, in one transaction.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public long Version { get; protected set; }

    /// <summary>The events raised since the last save, handed over once: the save that stores them takes them.</summary>
    public IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var taken = _domainEvents.ToArray();
        _domainEvents.Clear();
        return taken;
    }

    /// <summary>The events raised and not yet taken, for tests of the rules.</summary>
    public IReadOnlyList<IDomainEvent> PendingDomainEvents() => _domainEvents.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        _domainEvents.Add(domainEvent);
    }
}
