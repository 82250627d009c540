namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// Migrations the service applies at start, in registration order: an assembly's embedded ones, or those a library
/// ships (the scheduler's tables). <paramref name="Key"/> tells two registrations of the same source apart.
/// </summary>
internal sealed record MigrationSource(object Key, Func<IReadOnlyList<SqlMigration>> Migrations)
{
    public bool Equals(MigrationSource? other) => other is not null && Key.Equals(other.Key);

    public override int GetHashCode() => Key.GetHashCode();
}
