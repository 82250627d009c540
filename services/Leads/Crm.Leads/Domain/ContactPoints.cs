using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Crm.Leads.Domain;

/// <summary>
/// The keys leads are de-duplicated by: the e-mail trimmed and in lower case, the phone as its digits with a leading
/// <c>+</c> kept, so that "+49 (30) 1234-567" and "+4930 1234567" are one number.
/// </summary>
public static class ContactPoints
{
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "E-mail addresses are compared in lower case, as people write them.")]
    public static string? EmailKey(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    public static string? PhoneKey(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var key = new StringBuilder(trimmed.Length);
        if (trimmed[0] == '+')
        {
            key.Append('+');
        }

        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>How many digits a phone key holds (a leading <c>+</c> is not one).</summary>
    public static int Digits(string phoneKey)
    {
        ArgumentNullException.ThrowIfNull(phoneKey);
        return phoneKey.StartsWith('+') ? phoneKey.Length - 1 : phoneKey.Length;
    }
}
