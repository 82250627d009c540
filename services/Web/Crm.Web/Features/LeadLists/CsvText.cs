namespace Crm.Web.Features.LeadLists;

/// <summary>
/// A CSV line as RFC 4180 writes it: a field holding a comma, a quote or a line break is quoted, its quotes doubled,
/// so that a rejected row (which may be any text) reads back as the one field it is. A field a spreadsheet would take
/// for a formula (starting with =, +, -, @ or a tab) gets a leading apostrophe: a bought list is text from strangers,
/// and opening the download must not run it.
/// </summary>
internal static class CsvText
{
    private static readonly char[] Special = [',', '"', '\r', '\n'];

    public static string Line(params string[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny(Special) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
