using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.People;

/// <summary>How many wrong passwords in a row pause a person's sign-ins, and for how long (section <c>Identity:Lockout</c>):
/// guessing a password takes years at five tries per quarter of an hour.</summary>
public sealed class SignInLockout
{
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Counts a sign-in attempt for <paramref name="personId"/> before its password is checked, and says whether the
    /// person's sign-ins are paused: one UPDATE that reads and writes the count, so that guesses sent in parallel are
    /// each counted and none is checked once the limit is passed (a read, then a save, would let a burst through).
    /// The attempt past the limit starts the pause; a right password clears the count (<see cref="ClearAsync"/>).
    /// </summary>
    public async Task<bool> IsPausedAfterAttemptAsync(DbContext db, Guid personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lockedUntil = await ExecuteAsync(
            db,
            """
            UPDATE people SET
                failed_sign_ins = CASE WHEN locked_until > @now THEN failed_sign_ins WHEN failed_sign_ins + 1 > @limit THEN 0 ELSE failed_sign_ins + 1 END,
                locked_until = CASE WHEN locked_until > @now THEN locked_until WHEN failed_sign_ins + 1 > @limit THEN @until ELSE locked_until END
            WHERE id = @id
            RETURNING locked_until
            """,
            cancellationToken,
            ("now", now),
            ("limit", MaxFailures),
            ("until", now + Duration),
            ("id", personId));
        // timestamptz comes back as a UTC DateTime.
        return lockedUntil switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) > now,
            DateTimeOffset instant => instant > now,
            _ => false,
        };
    }

    /// <summary>A right password, outside a pause: the count starts again.</summary>
    public static Task ClearAsync(DbContext db, Guid personId, CancellationToken cancellationToken) =>
        ExecuteAsync(db, "UPDATE people SET failed_sign_ins = 0 WHERE id = @id", cancellationToken, ("id", personId));

    private static async Task<object?> ExecuteAsync(DbContext db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
