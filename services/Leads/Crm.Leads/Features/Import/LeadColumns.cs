namespace Crm.Leads.Features.Import;

/// <summary>
/// The names of a lead list's columns: as a header line may write them (any case, with or without spaces, hyphens or
/// underscores: "E-mail", "email", "first_name"), as the documentation and every message write them ("e-mail",
/// "first name"), and the field of a captured lead each one fills, so that a row's problem names its column.
/// </summary>
internal static class LeadColumns
{
    private static readonly (LeadColumn Column, string Name, string CaptureField)[] All =
    [
        (LeadColumn.Company, "company", "company.name"),
        (LeadColumn.FirstName, "first name", "contact.first_name"),
        (LeadColumn.LastName, "last name", "contact.last_name"),
        (LeadColumn.Email, "e-mail", "contact.email"),
        (LeadColumn.Phone, "phone", "contact.phone"),
        (LeadColumn.Title, "title", "contact.title"),
        (LeadColumn.Industry, "industry", "company.industry"),
        (LeadColumn.Region, "region", "company.address.region"),
        (LeadColumn.Country, "country", "company.address.country"),
    ];

    private static readonly Dictionary<string, LeadColumn> ByKey = All.ToDictionary(c => Key(c.Name), c => c.Column, StringComparer.Ordinal);

    /// <summary>Every column, in the documentation's order.</summary>
    public static IEnumerable<LeadColumn> Known => All.Select(c => c.Column);

    /// <summary>The column as messages name it: "e-mail".</summary>
    public static string NameOf(LeadColumn column) => All.First(c => c.Column == column).Name;

    /// <summary>The column a header line's name stands for; null for a column the import does not read.</summary>
    public static LeadColumn? Match(string header) => ByKey.TryGetValue(Key(header), out var column) ? column : null;

    /// <summary>A capture rule's message about a lead's field, about the row's column instead: "contact.email: ..."
    /// becomes "e-mail: ...".</summary>
    public static string InFileTerms(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        foreach (var (_, name, field) in All.OrderByDescending(c => c.CaptureField.Length))
        {
            problem = problem.Replace(field, name, StringComparison.Ordinal);
        }

        return problem;
    }

    /// <summary>Letters and digits only, in lower case: "E-mail", "e_mail" and "EMAIL " are one key.</summary>
    private static string Key(string name) => string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
