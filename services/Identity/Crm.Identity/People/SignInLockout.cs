using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.People;

/// <summary>How many wrong passwords in a row lock a person's sign-ins, and for how long (section <c>Identity:Lockout</c>):
/// guessing a password takes years at five tries per quarter of an hour.</summary>
public sealed class SignInLockout
{
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Counts a wrong password for <paramref name="personId"/>, and locks their sign-ins when it is the last one allowed
    /// (the count starts again). One UPDATE that reads and writes the count, so that guesses sent in parallel are each
    /// counted: a read, then a save, would let them overwrite each other's count.
    /// </summary>
    public Task CountFailureAsync(IQueryable<Person> people, Guid personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = MaxFailures;
        var until = now + Duration;
        return people.Where(p => p.Id == personId).ExecuteUpdateAsync(
            set => set
                .SetProperty(p => p.LockedUntil, p => p.FailedSignIns + 1 >= limit ? until : p.LockedUntil)
                .SetProperty(p => p.FailedSignIns, p => p.FailedSignIns + 1 >= limit ? 0 : p.FailedSignIns + 1),
            cancellationToken);
    }

    /// <summary>A right password, outside a lock-out: the count starts again.</summary>
    public static Task ResetAsync(IQueryable<Person> people, Guid personId, CancellationToken cancellationToken) =>
        people.Where(p => p.Id == personId && p.FailedSignIns > 0).ExecuteUpdateAsync(set => set.SetProperty(p => p.FailedSignIns, 0), cancellationToken);
}
