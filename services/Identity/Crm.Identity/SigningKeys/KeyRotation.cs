namespace Crm.Identity.SigningKeys;

/// <summary>
/// When a new key is due and how long keys live, as a pure rule (tested with a fake clock). Each key lives
/// <see cref="Lifetime"/>; when the newest has less than <see cref="Rollover"/> left, its successor is created, valid
/// from <see cref="Announce"/> later: published in the JWKS that long before anything is signed with it, so that every
/// API has fetched it by then. The old key stays published until it expires; it is deleted a day after.
/// </summary>
public static class KeyRotation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// A key is used until its successor is valid, and kept until it expires: 28 days, longer than any refresh token
    /// (14 days) encrypted with it or access token signed with it lives.
    /// </summary>
    public static readonly TimeSpan Rollover = TimeSpan.FromDays(30);

    public static readonly TimeSpan Announce = TimeSpan.FromDays(2);

    /// <summary>How long an expired key is kept (no token it signed lives that long).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>The validity of the key to create now for one purpose, or null when none is due.</summary>
    public static (DateTimeOffset NotBefore, DateTimeOffset NotAfter)? Due(IEnumerable<StoredKey> keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var newest = keys.Where(k => k.NotAfter > now).MaxBy(k => k.NotAfter);
        if (newest is null)
        {
            // Nothing valid: one key at once (a first start, or a ring left unattended past its keys' lives).
            var start = now.AddMinutes(-5);
            return (start, start + Lifetime);
        }

        if (newest.NotAfter - now >= Rollover)
        {
            return null;
        }

        var notBefore = now + Announce;
        return (notBefore, notBefore + Lifetime);
    }

    /// <summary>Whether a key is past its retention and can be deleted.</summary>
    public static bool Expired(StoredKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.NotAfter + Retention < now;
    }
}
