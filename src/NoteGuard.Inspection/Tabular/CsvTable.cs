using System.Text;

namespace NoteGuard.Inspection.Tabular;

/// <summary>
/// The raw cells of a delimited text file (RFC 4180 quoting: fields in double quotes may hold the delimiter,
/// line breaks and doubled quotes). The delimiter (comma, semicolon or tab) and the presence of a header row
/// are detected unless given.
/// </summary>
public sealed class CsvTable
{
    /// <summary>Largest accepted file (bytes).</summary>
    public const long MaxFileBytes = 1L << 30;

    private static readonly char[] s_candidates = [',', ';', '\t'];

    private CsvTable(string source, char delimiter, bool hasHeader, string[] columns, List<string[]> rows, List<int> lines)
    {
        Source = source;
        Delimiter = delimiter;
        HasHeader = hasHeader;
        Columns = columns;
        Rows = rows;
        LineNumbers = lines;
    }

    /// <summary>File name (or description) used in error messages.</summary>
    public string Source { get; }

    /// <summary>The delimiter used.</summary>
    public char Delimiter { get; }

    /// <summary>Whether the first record was a header.</summary>
    public bool HasHeader { get; }

    /// <summary>Column names: the header, or "column1".."columnN" without one.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Data records, each with exactly <see cref="Columns"/>.Count cells.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>1-based line number where each data record starts.</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">Delimiter, or null to detect among comma, semicolon and tab.</param>
    /// <param name="hasHeader">Header presence, or null to detect (a header when no cell of the first record is a number, or when it holds <paramref name="expectedColumn"/>).</param>
    /// <param name="expectedColumn">A column name known to be in the header (e.g. the label), helps detection.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDatasetException">Empty, too large, unterminated quote or ragged rows.</exception>
    public static CsvTable Load(string path, char? delimiter = null, bool? hasHeader = null, string? expectedColumn = null)
    {
        Guard.NotNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"no such file: {path}", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidDatasetException(path, null, null, $"file is larger than {MaxFileBytes} bytes");
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), path, delimiter, hasHeader, expectedColumn);
    }

    /// <summary>Parses text; see <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDatasetException">Empty, unterminated quote or ragged rows.</exception>
    public static CsvTable Parse(string text, string source, char? delimiter = null, bool? hasHeader = null, string? expectedColumn = null)
    {
        Guard.NotNull(text);
        Guard.NotNull(source);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        char d = delimiter ?? DetectDelimiter(text);
        var (records, lines) = Split(text, d, source);
        if (records.Count == 0)
        {
            throw new InvalidDatasetException(source, null, null, "the file is empty (no header and no rows)");
        }

        string[] first = records[0];
        bool header = hasHeader ?? (first.All(cell => !IsNumber(cell)) ||
            (expectedColumn is not null && first.Any(c => string.Equals(c.Trim(), expectedColumn, StringComparison.Ordinal))));
        string[] columns = header
            ? [.. first.Select(c => c.Trim())]
            : [.. Enumerable.Range(1, first.Length).Select(i => FormattableString.Invariant($"column{i}"))];
        if (header)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string c in columns)
            {
                if (!seen.Add(c))
                {
                    throw new InvalidDatasetException(source, lines[0], c, "duplicate column name in the header");
                }
            }

            records.RemoveAt(0);
            lines.RemoveAt(0);
        }

        for (int r = 0; r < records.Count; r++)
        {
            if (records[r].Length != columns.Length)
            {
                throw new InvalidDatasetException(source, lines[r], null,
                    FormattableString.Invariant($"ragged row: {records[r].Length} fields, expected {columns.Length}"));
            }
        }

        if (records.Count == 0)
        {
            throw new InvalidDatasetException(source, null, null, "the file has a header but no data rows");
        }

        return new CsvTable(source, d, header, columns, records, lines);
    }

    /// <summary>The index of a column by exact name, else by case-insensitive name, else -1.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool IsNumber(string cell) => TabularValues.TryParseNumber(cell, ',', out _);

    /// <summary>
    /// Picks the candidate whose field count is the same (and above 1) on the first lines, preferring more
    /// fields; comma when none is consistent.
    /// </summary>
    private static char DetectDelimiter(string text)
    {
        char best = ',';
        int bestFields = 1;
        foreach (char candidate in s_candidates)
        {
            var (records, _) = Split(text, candidate, string.Empty, maxRecords: 20, lenient: true);
            if (records.Count == 0)
            {
                continue;
            }

            int fields = records[0].Length;
            if (fields > bestFields && records.All(r => r.Length == fields))
            {
                best = candidate;
                bestFields = fields;
            }
        }

        return best;
    }

    private static (List<string[]> Records, List<int> Lines) Split(string text, char delimiter, string source, int maxRecords = int.MaxValue, bool lenient = false)
    {
        var records = new List<string[]>();
        var lines = new List<int>();
        var fields = new List<string>();
        var cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool inQuotes = false;
        bool quotedCell = false;
        int quoteLine = 0;
        int i = 0;
        while (i < text.Length && records.Count < maxRecords)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && cell.Length == 0 && !quotedCell)
            {
                inQuotes = true;
                quotedCell = true;
                quoteLine = line;
            }
            else if (c == delimiter)
            {
                fields.Add(cell.ToString());
                cell.Clear();
                quotedCell = false;
            }
            else if (c is '\n' or '\r')
            {
                fields.Add(cell.ToString());
                cell.Clear();
                bool blank = fields.Count == 1 && fields[0].Length == 0 && !quotedCell;
                quotedCell = false;
                if (!blank)
                {
                    records.Add([.. fields]);
                    lines.Add(recordLine);
                }

                fields.Clear();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                recordLine = line;
            }
            else
            {
                cell.Append(c);
            }

            i++;
        }

        if (inQuotes && !lenient && records.Count < maxRecords)
        {
            throw new InvalidDatasetException(source, quoteLine, null, "unterminated quoted field");
        }

        if ((cell.Length > 0 || fields.Count > 0 || quotedCell) && records.Count < maxRecords)
        {
            fields.Add(cell.ToString());
            records.Add([.. fields]);
            lines.Add(recordLine);
        }

        return (records, lines);
    }
}
