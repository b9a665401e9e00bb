using System.Text;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// CSV manifests: columns <c>path,label[,group][,split]</c> (RFC 4180 quoting). A header row naming the columns
/// is optional (<c>class</c> is accepted for <c>label</c>); without one the columns are positional. Relative paths
/// are relative to the manifest's folder.
/// </summary>
public static class ManifestCsv
{
    /// <summary>
    /// Writes <paramref name="items"/> as a manifest with a header row <c>path,label,group,split</c>. Paths are written
    /// relative to the manifest's folder when they lie under it, else absolute; '/' separates folders.
    /// Throws <see cref="IOException"/> when the file cannot be written.
    /// </summary>
    public static void Write(string manifestPath, IEnumerable<DatasetItem> items)
    {
        Guard.NotNull(manifestPath);
        Guard.NotNull(items);
        string full = Path.GetFullPath(manifestPath);
        string folder = Path.GetDirectoryName(full) ?? ".";
        var text = new StringBuilder("path,label,group,split\n");
        foreach (var item in items)
        {
            string relative = Path.GetRelativePath(folder, item.Path);
            string written = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? item.Path : relative;
            text.Append(Quote(written.Replace('\\', '/'))).Append(',')
                .Append(Quote(item.Label)).Append(',')
                .Append(Quote(item.Group ?? string.Empty)).Append(',')
                .Append(Quote(item.Split ?? string.Empty)).Append('\n');
        }

        Directory.CreateDirectory(folder);
        string temporary = full + ".tmp";
        File.WriteAllText(temporary, text.ToString(), new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }

    internal static void Read(string manifestPath, DatasetReader.Builder builder)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"No such manifest: {manifestPath}", manifestPath);
        }

        string folder = Path.GetDirectoryName(manifestPath) ?? ".";
        var rows = ParseRows(File.ReadAllText(manifestPath), manifestPath);
        if (rows.Count == 0)
        {
            throw DatasetErrors.Invalid($"{manifestPath}: the manifest is empty.");
        }

        int pathCol = 0, labelCol = 1, groupCol = 2, splitCol = 3;
        int first = 0;
        var header = rows[0].Fields;
        if (header.Any(f => f.Trim().Equals("path", StringComparison.OrdinalIgnoreCase)))
        {
            first = 1;
            pathCol = IndexOf(header, "path");
            labelCol = IndexOf(header, "label");
            if (labelCol < 0)
            {
                labelCol = IndexOf(header, "class");
            }

            groupCol = IndexOf(header, "group");
            splitCol = IndexOf(header, "split");
            if (labelCol < 0)
            {
                throw DatasetErrors.Invalid($"{manifestPath}: line 1: the header has no 'label' (or 'class') column.");
            }
        }

        for (int r = first; r < rows.Count; r++)
        {
            var (line, fields) = rows[r];
            if (fields.Count == 1 && fields[0].Trim().Length == 0)
            {
                continue;
            }

            if (fields.Count <= Math.Max(pathCol, labelCol))
            {
                throw DatasetErrors.Invalid($"{manifestPath}: line {line}: expected at least path and label, got {fields.Count} field(s).");
            }

            string path = fields[pathCol].Trim();
            string label = fields[labelCol].Trim();
            if (path.Length == 0 || label.Length == 0)
            {
                throw DatasetErrors.Invalid($"{manifestPath}: line {line}: empty path or label.");
            }

            string full = Path.GetFullPath(Path.Combine(folder, path));
            if (!File.Exists(full))
            {
                builder.Issue(full, $"listed in {Path.GetFileName(manifestPath)} line {line} but missing, skipped");
                continue;
            }

            builder.Add(new DatasetItem(full, label, Optional(fields, groupCol), Optional(fields, splitCol)));
        }
    }

    private static string? Optional(List<string> fields, int column)
    {
        if (column < 0 || column >= fields.Count)
        {
            return null;
        }

        string value = fields[column].Trim();
        return value.Length == 0 ? null : value;
    }

    private static int IndexOf(List<string> header, string name) =>
        header.FindIndex(f => f.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>RFC 4180 rows with the 1-based line on which each row starts. Throws on an unterminated quote.</summary>
    internal static List<(int Line, List<string> Fields)> ParseRows(string text, string source)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        bool any = false;
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    quoteLine = line;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        rows.Add((rowLine, fields));
                    }

                    fields = [];
                    field.Clear();
                    any = false;
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            throw DatasetErrors.Invalid($"{source}: line {quoteLine}: unterminated quoted field.");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            rows.Add((rowLine, fields));
        }

        // A UTF-8 byte order mark survives ReadAllText only when decoding was skipped; strip it from the first field.
        if (rows.Count > 0 && rows[0].Item2.Count > 0 && rows[0].Item2[0].StartsWith('\uFEFF'))
        {
            rows[0].Item2[0] = rows[0].Item2[0][1..];
        }

        return rows;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
