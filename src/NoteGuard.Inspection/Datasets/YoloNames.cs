using System.Globalization;
using System.Text;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// Class names of a YOLO dataset from <c>data.yaml</c> (<c>names:</c> as a list or as an index map) or
/// <c>classes.txt</c> (one name a line). The YAML reader understands only the subset these files use:
/// comments, quoted and plain scalars, block and flow sequences, block and flow maps with integer keys.
/// </summary>
internal static class YoloNames
{
    private static readonly string[] s_yamlNames = ["data.yaml", "data.yml", "dataset.yaml"];

    /// <summary>Looks in the root, then in <c>labels</c> folders; returns null when there is no names file.</summary>
    public static IReadOnlyList<string>? Find(string root)
    {
        var folders = new List<string> { root, Path.Combine(root, "labels") };
        folders.AddRange(DatasetReader.SortedDirectories(root).Select(d => Path.Combine(d, "labels")));
        foreach (string folder in folders)
        {
            foreach (string name in s_yamlNames)
            {
                string yaml = Path.Combine(folder, name);
                if (File.Exists(yaml))
                {
                    return ParseYaml(File.ReadAllText(yaml), yaml);
                }
            }

            string classes = Path.Combine(folder, "classes.txt");
            if (File.Exists(classes))
            {
                return ParseClassesTxt(File.ReadAllText(classes), classes);
            }
        }

        return null;
    }

    /// <summary>One class a line; the line number (0-based) is the class index. Trailing blank lines are ignored.</summary>
    public static IReadOnlyList<string> ParseClassesTxt(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                throw DatasetErrors.Invalid($"{source}: line {i + 1} is blank, but every line up to the last names a class.");
            }
        }

        if (lines.Count == 0)
        {
            throw DatasetErrors.Invalid($"{source}: no class names.");
        }

        return CheckUnique(lines, source);
    }

    /// <summary>The <c>names</c> of a data.yaml; checks them against <c>nc</c> when both are present.</summary>
    public static IReadOnlyList<string> ParseYaml(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        List<string>? names = null;
        int? declaredCount = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = StripComment(lines[i]);
            if (line.Trim().Length == 0 || char.IsWhiteSpace(line[0]) || line.StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            int colon = FindKeyColon(line);
            if (colon < 0)
            {
                continue;
            }

            string key = Unquote(line[..colon].Trim(), source, i + 1);
            string value = line[(colon + 1)..].Trim();
            if (key == "nc")
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int nc) || nc < 0)
                {
                    throw DatasetErrors.Invalid($"{source}: line {i + 1}: nc '{value}' is not a non-negative integer.");
                }

                declaredCount = nc;
            }
            else if (key == "names")
            {
                names = value.Length > 0 ? ParseFlow(lines, ref i, colon, source) : ParseBlock(lines, ref i, source);
            }
        }

        if (names is null)
        {
            throw DatasetErrors.Invalid($"{source}: no 'names:' entry.");
        }

        if (names.Count == 0)
        {
            throw DatasetErrors.Invalid($"{source}: 'names' is empty.");
        }

        if (declaredCount is int count && count != names.Count)
        {
            throw DatasetErrors.Invalid($"{source}: nc is {count} but 'names' lists {names.Count} classes.");
        }

        return CheckUnique(names, source);
    }

    private static List<string> CheckUnique(List<string> names, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (name.Length == 0)
            {
                throw DatasetErrors.Invalid($"{source}: a class name is empty.");
            }

            if (!seen.Add(name))
            {
                throw DatasetErrors.Invalid($"{source}: class '{name}' is named twice.");
            }
        }

        return names;
    }

    /// <summary>A flow value (<c>[a, 'b, c']</c> or <c>{0: a, 1: b}</c>), possibly continued on following lines.</summary>
    private static List<string> ParseFlow(string[] lines, ref int index, int colon, string source)
    {
        int startLine = index + 1;
        var text = new StringBuilder(StripComment(lines[index])[(colon + 1)..].Trim());
        char open = text.Length > 0 ? text[0] : ' ';
        if (open is not ('[' or '{'))
        {
            throw DatasetErrors.Invalid($"{source}: line {startLine}: 'names' must be a list or a map, got '{text}'.");
        }

        char close = open == '[' ? ']' : '}';
        while (!EndsFlow(text.ToString(), close))
        {
            if (++index >= lines.Length)
            {
                throw DatasetErrors.Invalid($"{source}: line {startLine}: unterminated '{open}'.");
            }

            text.Append(' ').Append(StripComment(lines[index]).Trim());
        }

        string body = text.ToString().Trim();
        body = body[1..^1];
        var entries = SplitFlow(body, source, startLine);
        if (open == '[')
        {
            return [.. entries.Select(e => Unquote(e, source, startLine))];
        }

        var map = new List<(string Key, string Value)>();
        foreach (string entry in entries)
        {
            int c = FindKeyColon(entry);
            if (c < 0)
            {
                throw DatasetErrors.Invalid($"{source}: line {startLine}: map entry '{entry}' has no 'key: value'.");
            }

            map.Add((entry[..c].Trim(), entry[(c + 1)..].Trim()));
        }

        return FromIndexMap(map, source, startLine);
    }

    private static bool EndsFlow(string text, char close)
    {
        int depth = 0;
        char quote = '\0';
        foreach (char ch in text)
        {
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch is '[' or '{')
            {
                depth++;
            }
            else if (ch is ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return ch == close;
                }
            }
        }

        return false;
    }

    /// <summary>Splits a flow body at top-level commas, keeping quoted commas.</summary>
    private static List<string> SplitFlow(string body, string source, int line)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (char ch in body)
        {
            if (quote != '\0')
            {
                current.Append(ch);
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
                current.Append(ch);
            }
            else if (ch == ',')
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        if (quote != '\0')
        {
            throw DatasetErrors.Invalid($"{source}: line {line}: unterminated quote.");
        }

        string last = current.ToString().Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }

        // A trailing comma ([a, b,]) is allowed in flow collections.
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    /// <summary>An indented block under <c>names:</c>: <c>- name</c> lines or <c>index: name</c> lines.</summary>
    private static List<string> ParseBlock(string[] lines, ref int index, string source)
    {
        var sequence = new List<string>();
        var map = new List<(string Key, string Value)>();
        int startLine = index + 1;
        while (index + 1 < lines.Length)
        {
            string line = StripComment(lines[index + 1]);
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                index++;
                continue;
            }

            // A sequence may sit at the key's own indentation ("names:\n- a"), a map may not.
            bool indented = char.IsWhiteSpace(line[0]);
            bool isItem = trimmed.StartsWith('-') && (trimmed.Length == 1 || char.IsWhiteSpace(trimmed[1]));
            if (!indented && !isItem)
            {
                break;
            }

            index++;
            if (isItem)
            {
                sequence.Add(Unquote(trimmed[1..].Trim(), source, index + 1));
            }
            else
            {
                int c = FindKeyColon(trimmed);
                if (c < 0)
                {
                    throw DatasetErrors.Invalid($"{source}: line {index + 1}: expected '- name' or 'index: name' under 'names:'.");
                }

                map.Add((trimmed[..c].Trim(), trimmed[(c + 1)..].Trim()));
            }
        }

        if (sequence.Count > 0 && map.Count > 0)
        {
            throw DatasetErrors.Invalid($"{source}: line {startLine}: 'names' mixes list items and map entries.");
        }

        return map.Count > 0 ? FromIndexMap(map, source, startLine) : sequence;
    }

    private static List<string> FromIndexMap(List<(string Key, string Value)> map, string source, int line)
    {
        var byIndex = new SortedDictionary<int, string>();
        foreach (var (rawKey, rawValue) in map)
        {
            string key = Unquote(rawKey, source, line);
            if (!int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out int classIndex) || classIndex < 0)
            {
                throw DatasetErrors.Invalid($"{source}: line {line}: names key '{key}' is not a class index.");
            }

            if (!byIndex.TryAdd(classIndex, Unquote(rawValue, source, line)))
            {
                throw DatasetErrors.Invalid($"{source}: line {line}: class index {classIndex} is named twice.");
            }
        }

        int expected = 0;
        foreach (int key in byIndex.Keys)
        {
            if (key != expected++)
            {
                throw DatasetErrors.Invalid($"{source}: line {line}: class indices must run 0..{byIndex.Count - 1} without gaps; {expected - 1} is missing.");
            }
        }

        return [.. byIndex.Values];
    }

    /// <summary>The position of the colon that ends a key (outside quotes, followed by a space or the end), or -1.</summary>
    private static int FindKeyColon(string text)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == ':' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes a <c>#</c> comment (at the start or after whitespace, outside quotes).</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i].TrimEnd();
            }
        }

        return line.TrimEnd();
    }

    private static string Unquote(string value, string source, int line)
    {
        value = value.Trim();
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        if (value.Length > 0 && value[0] is '\'' or '"')
        {
            throw DatasetErrors.Invalid($"{source}: line {line}: unterminated quote in '{value}'.");
        }

        return value;
    }
}
