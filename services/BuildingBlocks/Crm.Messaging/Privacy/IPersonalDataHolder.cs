namespace Crm.Messaging.Privacy;

/// <summary>
/// What a service holds about people, found by their e-mail key (<see cref="Crm.Contracts.EmailKey"/>). A
/// service with personal data registers one (scoped, on its own DbContext); the building block exports through it and,
/// when the erasure event arrives, erases through it and then replaces the erased values everywhere else in the
/// service's database.
/// </summary>
public interface IPersonalDataHolder
{
    /// <summary>Every record about the person whose e-mail key is <paramref name="emailKey"/>.</summary>
    Task<IReadOnlyList<HeldRecord>> ExportAsync(string emailKey, CancellationToken cancellationToken);

    /// <summary>
    /// Pseudonymises, as tracked changes that the caller saves, every record about the person whose e-mail key hashes
    /// to <paramref name="emailKeyHash"/>, keeping what the business must keep; returns what was erased.
    /// </summary>
    Task<ErasedPerson> EraseAsync(string emailKeyHash, DateTimeOffset at, CancellationToken cancellationToken);
}
