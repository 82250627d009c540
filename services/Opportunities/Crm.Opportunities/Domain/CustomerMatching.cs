using System.Text;

namespace Crm.Opportunities.Domain;

/// <summary>
/// How a company or person is recognised again: "ACME GmbH", "Acme" and " acme, gmbh " are one account; e-mails match
/// case-insensitively; phones by their digits ("+49 (30) 123-45" and "4930 12345"), and in a search also as written
/// without the country code ("030 12345").
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

    /// <summary>The fewest digits a phone search needs: shorter numbers would match half the customer master.</summary>
    public const int PhoneSearchDigits = 6;

    /// <summary>
    /// What a phone typed into a search must end with among the stored digits: its digits without the leading zeros of a
    /// trunk or international prefix, so that "030 1234567" and "0049 30 1234567" find "+49 30 1234567". Null when the
    /// query is not a phone number (it has letters, or fewer than <see cref="PhoneSearchDigits"/> digits).
    /// </summary>
    public static string? PhoneSearchSuffix(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Any(char.IsLetter))
        {
            return null;
        }

        var digits = string.Concat(query.Where(char.IsAsciiDigit)).TrimStart('0');
        return digits.Length < PhoneSearchDigits ? null : digits;
    }
}
