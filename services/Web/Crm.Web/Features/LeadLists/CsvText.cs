using System.Buffers;

namespace Crm.Web.Features.LeadLists;

/// <summary>
/// A CSV line as RFC 4180 writes it: a field holding a comma, a quote or a line break is quoted, its quotes doubled,
/// so that a rejected row (which may be any text) reads back as the one field it is. A field a spreadsheet would take
/// for a formula (starting with =, @, a tab, or + or - followed by more than a number) gets a leading apostrophe: a
/// bought list is text from strangers, and opening the download must not run it. A phone number (+49 30 1234567)
/// stays as it is.
/// </summary>
internal static class CsvText
{
    private static readonly char[] Special = [',', '"', '\r', '\n'];

    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789 ()-./");

    public static string Line(params string[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(string value)
    {
        var text = LooksLikeFormula(value) ? "'" + value : value;
        return text.IndexOfAny(Special) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static bool LooksLikeFormula(string value) =>
        value.Length > 0
        && (value[0] is '=' or '@' or '\t' or '\r' || (value[0] is '+' or '-' && value.AsSpan(1).ContainsAnyExcept(NumberCharacters)));
}
