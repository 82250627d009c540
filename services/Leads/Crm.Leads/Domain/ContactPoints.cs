using System.Diagnostics.CodeAnalysis;

namespace Crm.Leads.Domain;

/// <summary>
/// The key leads are de-duplicated by besides the phone (which is kept in E.164, so that "+49 (30) 1234-567" and
/// "+4930 1234567" are one number): the e-mail trimmed and in lower case.
/// </summary>
public static class ContactPoints
{
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "E-mail addresses are compared in lower case, as people write them.")]
    public static string? EmailKey(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
