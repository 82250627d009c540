using System.Globalization;
using System.Text;

namespace Crm.Leads.Tests.Support;

/// <summary>Lead lists as a marketing department gets them: a header line, then one row per person.</summary>
internal static class LeadLists
{
    public const string Header = "Company,First Name,Last Name,E-mail,Phone,Title,Industry,Region,Country";

    private static int _phones = Random.Shared.Next(1_000_000, 4_000_000);

    /// <summary>A German number no other row of this run has, as a list writes it: "+49 40 1234567".</summary>
    public static string Phone() => string.Create(CultureInfo.InvariantCulture, $"+49 40 {Interlocked.Increment(ref _phones)}");

    /// <summary>One row, each field quoted when it must be.</summary>
    public static string Row(
        string company = "Nordwind Logistik GmbH",
        string firstName = "Greta",
        string lastName = "Lindqvist",
        string? email = null,
        string? phone = null,
        string title = "Head of Operations",
        string industry = "Logistics",
        string region = "Hamburg",
        string country = "DE") =>
        string.Join(',', new[] { company, firstName, lastName, email ?? Requests.Email(), phone ?? Phone(), title, industry, region, country }.Select(Quoted));

    /// <summary>The file: the header and the rows, each line ended by a line break.</summary>
    public static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Concat(rows.Select(r => r + "\n")));

    /// <summary><paramref name="count"/> rows of different people.</summary>
    public static string[] People(int count, string prefix) =>
        [.. Enumerable.Range(1, count).Select(i => Row(company: $"{prefix} {i} GmbH", email: $"{prefix}.{i}.{Guid.NewGuid():N}@example.com"))];

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
