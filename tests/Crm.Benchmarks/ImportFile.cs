using System.Globalization;
using System.Text;

namespace Crm.Benchmarks;

/// <summary>
/// A generated lead list written to a file: a header and <c>rows</c> rows, of which one in twenty repeats an earlier
/// person's e-mail (a duplicate) and one in a hundred has an e-mail that is none (a bad row).
/// </summary>
internal static class ImportFile
{
    public const string Header = "Company,First Name,Last Name,E-mail,Phone,Title,Industry,Region,Country";

    public static async Task<string> WriteAsync(int rows, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"crm-bench-import-{Guid.NewGuid():N}.csv");
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        for (var i = 1; i <= rows; i++)
        {
            // Row i - 1 of a duplicate is never itself a duplicate or a bad row: exactly one row in twenty repeats a person.
            var person = i % 20 == 0 ? i - 1 : i;
            var email = i % 100 == 7 ? $"person-{person}-at-nowhere" : $"person.{person}.{run}@example.com";
            var phone = i % 20 == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"+49 40 {1_000_000 + i}");
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Company {person % 5000} GmbH,Greta,Lindqvist {person},{email},{phone},Head of Operations,Logistics,Hamburg,DE").AsMemory(), cancellationToken);
        }

        return path;
    }
}
