using System.Globalization;
using NoteGuard.Learning.Classical;

namespace NoteGuard.Inspection.Tabular;

/// <summary>How to read a labelled table.</summary>
public sealed record TabularReadOptions
{
    /// <summary>Name of the label column (required for training/evaluation; null to read features only).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Optional group column (e.g. a physical note id) for grouped splits; it is not a feature.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Columns to leave out of the features (ids, file names).</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>
    /// Exactly these feature columns in this order (a trained model's feature names); null = every column but
    /// label, group and ignored ones.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>Accept missing or non-numeric feature values as NaN (for imputation) instead of failing.</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Delimiter, or null to detect (comma, semicolon, tab).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Header presence, or null to detect.</summary>
    public bool? HasHeader { get; init; }
}

/// <summary>
/// A table of numeric features with optional string labels and groups, read from CSV. Labels are sorted
/// (numerically when all are numbers, else ordinally) and class i is <see cref="Labels"/>[i].
/// </summary>
public sealed class TabularDataset
{
    private TabularDataset(
        string source, IReadOnlyList<string> featureNames, FeatureMatrix features, IReadOnlyList<string> labels, int[] targets,
        string[]? groups, int[] lineNumbers)
    {
        Source = source;
        FeatureNames = featureNames;
        Features = features;
        Labels = labels;
        Targets = targets;
        Groups = groups;
        LineNumbers = lineNumbers;
    }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>Feature column names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Features, one row per sample; NaN where a value was missing (only with <see cref="TabularReadOptions.AllowMissing"/>).</summary>
    public FeatureMatrix Features { get; }

    /// <summary>Class labels in class-index order (empty without a label column).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Class index of every row (empty without a label column).</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>Group of every row, or null without a group column.</summary>
    public IReadOnlyList<string>? Groups { get; }

    /// <summary>1-based line number of every row in the source file.</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Features.Rows;

    /// <summary>Reads a CSV file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDatasetException">Bad content; the message names file, row and column.</exception>
    public static TabularDataset Load(string path, TabularReadOptions options)
    {
        Guard.NotNull(options);
        var table = CsvTable.Load(path, options.Delimiter, options.HasHeader, options.LabelColumn);
        return FromTable(table, options);
    }

    /// <summary>Builds a dataset from parsed cells.</summary>
    /// <exception cref="InvalidDatasetException">Unknown column, missing or non-numeric value, missing label, fewer than two classes.</exception>
    public static TabularDataset FromTable(CsvTable table, TabularReadOptions options)
    {
        Guard.NotNull(table);
        Guard.NotNull(options);
        string source = table.Source;
        int labelIndex = options.LabelColumn is null ? -1 : RequireColumn(table, options.LabelColumn, "label");
        int groupIndex = options.GroupColumn is null ? -1 : RequireColumn(table, options.GroupColumn, "group");
        int[] featureIndices;
        if (options.FeatureColumns is { } wanted)
        {
            featureIndices = [.. wanted.Select(name => RequireColumn(table, name, "feature"))];
        }
        else
        {
            var ignored = new HashSet<int>(options.IgnoreColumns.Select(name => RequireColumn(table, name, "ignored")));
            featureIndices = [.. Enumerable.Range(0, table.Columns.Count).Where(i => i != labelIndex && i != groupIndex && !ignored.Contains(i))];
        }

        if (featureIndices.Length == 0)
        {
            throw new InvalidDatasetException(source, null, null, "no feature columns are left besides the label/group columns");
        }

        int n = table.Rows.Count;
        var features = new FeatureMatrix(n, featureIndices.Length);
        for (int r = 0; r < n; r++)
        {
            string[] cells = table.Rows[r];
            var row = features.Row(r);
            for (int f = 0; f < featureIndices.Length; f++)
            {
                string cell = cells[featureIndices[f]];
                if (TabularValues.TryParseNumber(cell, table.Delimiter, out double value))
                {
                    row[f] = value;
                }
                else if (options.AllowMissing)
                {
                    row[f] = double.NaN;
                }
                else
                {
                    string problem = TabularValues.IsMissing(cell)
                        ? "missing value (use --impute mean|median|drop to handle missing values)"
                        : $"'{Shorten(cell)}' is not a number (use --impute mean|median|drop to treat it as missing, or --ignore the column)";
                    throw new InvalidDatasetException(source, table.LineNumbers[r], table.Columns[featureIndices[f]], problem);
                }
            }
        }

        string[] labels = [];
        int[] targets = [];
        if (labelIndex >= 0)
        {
            var raw = new string[n];
            for (int r = 0; r < n; r++)
            {
                string cell = table.Rows[r][labelIndex].Trim();
                if (TabularValues.IsMissing(cell))
                {
                    throw new InvalidDatasetException(source, table.LineNumbers[r], table.Columns[labelIndex], "missing label");
                }

                raw[r] = TabularValues.TryParseNumber(cell, table.Delimiter, out double numeric)
                    ? numeric.ToString(CultureInfo.InvariantCulture)
                    : cell;
            }

            labels = SortLabels(raw.Distinct(StringComparer.Ordinal), table.Delimiter);
            var indexOf = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
            targets = [.. raw.Select(l => indexOf[l])];
        }

        string[]? groups = groupIndex < 0 ? null : [.. table.Rows.Select(cells => cells[groupIndex].Trim())];
        string[] names = [.. featureIndices.Select(i => table.Columns[i])];
        return new TabularDataset(source, names, features, labels, targets, groups, [.. table.LineNumbers]);
    }

    /// <summary>Builds a dataset from memory (tests, generated features).</summary>
    /// <exception cref="ArgumentException">Shapes disagree or a target is out of range.</exception>
    public static TabularDataset FromArrays(
        FeatureMatrix features, IReadOnlyList<string> featureNames, IReadOnlyList<string> labels, IReadOnlyList<int> targets, IReadOnlyList<string>? groups = null)
    {
        Guard.NotNull(features);
        Guard.NotNull(featureNames);
        Guard.NotNull(labels);
        Guard.NotNull(targets);
        Guard.IsTrue(featureNames.Count == features.Columns, "one name per feature column is required", nameof(featureNames));
        Guard.IsTrue(targets.Count == features.Rows, "one target per row is required", nameof(targets));
        Guard.IsTrue(targets.All(t => (uint)t < (uint)labels.Count), "targets must index labels", nameof(targets));
        Guard.IsTrue(groups is null || groups.Count == features.Rows, "one group per row is required", nameof(groups));
        return new TabularDataset("memory", [.. featureNames], features, [.. labels], [.. targets], groups is null ? null : [.. groups],
            [.. Enumerable.Range(2, features.Rows)]);
    }

    /// <summary>A dataset holding only the given rows (in that order), same labels.</summary>
    public TabularDataset Subset(ReadOnlySpan<int> rows)
    {
        var targets = new int[Targets.Count == 0 ? 0 : rows.Length];
        var lines = new int[rows.Length];
        string[]? groups = Groups is null ? null : new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if (targets.Length > 0)
            {
                targets[i] = Targets[rows[i]];
            }

            lines[i] = LineNumbers[rows[i]];
            if (groups is not null)
            {
                groups[i] = Groups![rows[i]];
            }
        }

        return new TabularDataset(Source, FeatureNames, Features.SelectRows(rows), Labels, targets, groups, lines);
    }

    /// <summary>The dataset without rows that hold a missing (NaN) feature.</summary>
    public TabularDataset WithoutMissingRows()
    {
        var keep = new List<int>(Count);
        for (int r = 0; r < Count; r++)
        {
            if (!Features.Row(r).ContainsAnyExceptInRange(double.MinValue, double.MaxValue))
            {
                keep.Add(r);
            }
        }

        return keep.Count == Count ? this : Subset([.. keep]);
    }

    /// <summary>Throws when fewer than two classes are present (training needs two).</summary>
    /// <exception cref="InvalidDatasetException">No label column or a single class.</exception>
    public void RequireTwoClasses()
    {
        if (Labels.Count < 2)
        {
            throw new InvalidDatasetException(Source, null, null,
                Labels.Count == 0 ? "no label column was read" : $"only one class ('{Labels[0]}') is present; at least two are needed");
        }
    }

    private static int RequireColumn(CsvTable table, string name, string role)
    {
        int index = table.IndexOf(name);
        if (index < 0)
        {
            string known = string.Join(", ", table.Columns.Take(20));
            throw new InvalidDatasetException(table.Source, null, name,
                $"unknown {role} column (the columns are: {known}{(table.Columns.Count > 20 ? ", ..." : string.Empty)}" +
                (table.HasHeader ? ")" : "; the file has no header, so columns are named column1..columnN)"));
        }

        return index;
    }

    private static string[] SortLabels(IEnumerable<string> distinct, char delimiter)
    {
        var list = distinct.ToList();
        if (list.All(l => TabularValues.TryParseNumber(l, delimiter, out _)))
        {
            return [.. list.OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture))];
        }

        return [.. list.OrderBy(l => l, StringComparer.Ordinal)];
    }

    private static string Shorten(string cell) => cell.Length <= 40 ? cell : cell[..40] + "...";
}
