using System.Text;

namespace Crm.Opportunities.Domain;

/// <summary>
/// How a company or person is recognised again: "ACME GmbH", "Acme" and " acme, gmbh " are one account; e-mails match
/// case-insensitively; phones by their digits ("+49 (30) 123-45" and "4930 12345").
/// </summary>
internal static class CustomerMatching
{
    // Legal forms say nothing about which company it is; a lead typed without one must still match.
    private static readonly HashSet<string> LegalForms =
        new(["gmbh", "ag", "kg", "inc", "ltd", "llc", "plc", "sa", "sarl", "bv", "nv", "srl", "spa", "co", "corp", "corporation", "company", "limited", "incorporated"], StringComparer.Ordinal);

    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            words.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        var kept = words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (kept.Count > 1 && LegalForms.Contains(kept[^1]))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join(' ', kept);
    }

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    public static string? NormalizePhone(string? phone)
    {
        var digits = phone is null ? string.Empty : string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length == 0 ? null : digits;
    }
}
