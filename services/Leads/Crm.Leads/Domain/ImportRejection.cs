namespace Crm.Leads.Domain;

/// <summary>
/// A row an import did not take: its line in the file (the header is line 1), why, and the line as it was written (cut
/// at <see cref="RawLineLimit"/> characters), so that a person can fix the file and send the rows again.
/// </summary>
public sealed class ImportRejection
{
    /// <summary>The longest part of a rejected line that is kept: enough to recognise and fix the row.</summary>
    public const int RawLineLimit = 2000;

    private ImportRejection()
    {
    }

    public Guid ImportId { get; private set; }

    public long Line { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public string RawLine { get; private set; } = string.Empty;

    /// <summary>The e-mail key (<see cref="ContactPoints.EmailKey"/>) of the row's e-mail, whatever it was, so that the
    /// person's erasure finds the row even when it never became a lead.</summary>
    public string? EmailKey { get; private set; }

    public static ImportRejection Of(Guid importId, long line, string reason, string rawLine, string? email)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentNullException.ThrowIfNull(rawLine);
        return new ImportRejection
        {
            ImportId = importId,
            Line = line,
            Reason = reason,
            RawLine = Cut(rawLine),
            EmailKey = ContactPoints.EmailKey(email),
        };
    }

    /// <summary>
    /// Erases the person the row was about, irreversibly: the line becomes <paramref name="pseudonym"/> and the e-mail key
    /// goes; the line number and the reason stay, so the import's counts still add up. Returns the e-mail key it held.
    /// </summary>
    public string? ErasePerson(string pseudonym)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        var held = EmailKey;
        RawLine = pseudonym;
        EmailKey = null;
        return held;
    }

    /// <summary>The line up to the limit, never half a character: a surrogate pair stays whole or goes.</summary>
    private static string Cut(string line)
    {
        if (line.Length <= RawLineLimit)
        {
            return line;
        }

        return line[..(char.IsHighSurrogate(line[RawLineLimit - 1]) ? RawLineLimit - 1 : RawLineLimit)];
    }
}
