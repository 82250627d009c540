using System.Text;
using Crm.Grpc;
using Grpc.Core;
using Sylvan.Data.Csv;

namespace Crm.Leads.Features.Import;

/// <summary>
/// A lead list read row by row as its bytes arrive, with Sylvan's CSV reader: fields quoted or not, quotes doubled,
/// line breaks inside quotes, the delimiter (comma, semicolon, tab or pipe) detected from the header line, a byte order
/// mark skipped. Each row knows its line in the file (the header is line 1), counted from the records themselves, so a
/// quoted line break moves the lines after it on. Blank lines are skipped.
/// </summary>
internal sealed class LeadFile : IAsyncDisposable
{
    private static readonly CsvDataReaderOptions Options = new()
    {
        HasHeaders = true,
        BufferSize = ImportLimits.RecordChars,
        // A stray quote inside a field (5" Displays Ltd) is read as a character, not a broken file.
        CsvStyle = CsvStyle.Lax,
        // No comment lines: a company may well be called "#1 Logistics".
        Comment = '\0',
    };

    private readonly CsvDataReader _csv;
    private long _nextLine = 2;

    private LeadFile(CsvDataReader csv, LeadFileHeader header)
    {
        _csv = csv;
        Header = header;
    }

    public LeadFileHeader Header { get; }

    /// <summary>The line the current row starts on.</summary>
    public long Line { get; private set; }

    /// <summary>How many fields the current row has.</summary>
    public int FieldCount => _csv.RowFieldCount;

    /// <summary>
    /// Reads the header line of <paramref name="content"/> (UTF-8); INVALID_ARGUMENT when the file is empty or the
    /// header lacks a column every lead needs (<see cref="LeadFileHeader"/>).
    /// </summary>
    public static async Task<LeadFile> OpenAsync(Stream content, CancellationToken cancellationToken)
    {
        // The reader owns the text, which owns the stream: whoever holds the last of them disposes it.
        var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        CsvDataReader? csv = null;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, Options, cancellationToken);
            var file = new LeadFile(csv, LeadFileHeader.Read([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetName)]));
            csv = null;
            text = null;
            return file;
        }
        catch (CsvMissingHeadersException)
        {
            throw new RpcException(Status.InvalidArgument("header", "the file is empty: its first line must name the columns (company, last name, e-mail or phone, ...)"));
        }
        catch (CsvRecordTooLargeException)
        {
            throw TooLong(1);
        }
        finally
        {
            if (csv is not null)
            {
                await csv.DisposeAsync();
            }
            else
            {
                text?.Dispose();
            }
        }
    }

    /// <summary>Moves to the next row that is not blank; false at the end of the file. RESOURCE_EXHAUSTED for a record
    /// longer than <see cref="ImportLimits.RecordChars"/>.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (!await _csv.ReadAsync(cancellationToken))
                {
                    return false;
                }
            }
            catch (CsvRecordTooLargeException)
            {
                throw TooLong(_nextLine);
            }

            var record = _csv.GetRawRecordSpan();
            Line = _nextLine;
            _nextLine += LineBreaks(record);
            if (_csv.RowFieldCount > 1 || !record.IsWhiteSpace())
            {
                return true;
            }
        }
    }

    /// <summary>The current row's value of <paramref name="column"/>; empty when the file has no such column.</summary>
    public string Field(LeadColumn column) =>
        Header.OrdinalOf(column) is var ordinal && ordinal >= 0 && ordinal < _csv.RowFieldCount ? _csv.GetString(ordinal) : string.Empty;

    /// <summary>The current row as written, without its line break.</summary>
    public string RawLine() => _csv.GetRawRecordSpan().TrimEnd("\r\n").ToString();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    /// <summary>How many lines a record spans: its line breaks, in any of the three conventions.</summary>
    private static int LineBreaks(ReadOnlySpan<char> record)
    {
        var breaks = 0;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == '\n' || (record[i] == '\r' && (i + 1 == record.Length || record[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    private static RpcException TooLong(long line) => new(Status.ResourceExhausted(
        $"line {line}: a record longer than {ImportLimits.RecordChars} characters, most likely a quote that is never closed; the rows before it were imported"));
}
