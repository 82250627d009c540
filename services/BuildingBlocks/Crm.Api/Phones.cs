using PhoneNumbers;

namespace Crm.Api;

/// <summary>
/// Phone numbers in one form, E.164 (<c>+49301234567</c>), whatever way they were written: with the country code
/// (<c>+49 (30) 1234-567</c>), or as dialled inside a country known from elsewhere (<c>030 1234567</c> in DE). A number
/// is taken only when Google's numbering metadata (libphonenumber) says it is a valid number of its country.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it is not a valid phone number.</summary>
    /// <param name="written">As a person wrote it.</param>
    /// <param name="country">An ISO 3166-1 alpha-2 code (<c>DE</c>) to read a number without its country code in; null when none is known.</param>
    public static string? ToE164(string written, string? country)
    {
        ArgumentNullException.ThrowIfNull(written);
        try
        {
            var number = Numbers.Parse(written, string.IsNullOrEmpty(country) ? "ZZ" : country);
            return Numbers.IsValidNumber(number) ? Numbers.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // A region the metadata does not know.
            return null;
        }
    }
}
