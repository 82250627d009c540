using System.Security.Cryptography;
using System.Text;

namespace Crm.Contracts;

/// <summary>How the platform names a person across services: by their e-mail address, trimmed and lower-cased.</summary>
public static class EmailKey
{
    /// <summary>The key of <paramref name="email"/>; null for a blank one.</summary>
    public static string? Of(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// The SHA-256 of a key, in lower-case hex: what <see cref="Leads.PersonalDataErasureRequested"/> carries. PostgreSQL
    /// computes the same with <c>encode(sha256(convert_to(key, 'UTF8')), 'hex')</c>.
    /// </summary>
    public static string Hash(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
