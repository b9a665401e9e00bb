using System.Text.RegularExpressions;

namespace NoteGuard.Inspection.Datasets;

/// <summary>How <see cref="DatasetReader.Read"/> interprets a dataset.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>The default options: auto-detected layout, no grouping.</summary>
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>The layout to read; <see cref="DatasetLayout.Auto"/> (default) detects it.</summary>
    public DatasetLayout Layout { get; init; } = DatasetLayout.Auto;

    /// <summary>
    /// A regular expression matched against each file name (no folders) to compute the group key: the first
    /// capture group when the pattern has one, else the whole match. Files that do not match keep the manifest's
    /// group, or none. Null (default) keeps groups from the manifest only.
    /// </summary>
    public string? GroupPattern { get; init; }

    /// <summary>
    /// When true the class name is prefixed to the group key (<c>class/key</c>), so equal keys in different classes
    /// are different groups (e.g. taka's <c>note_001</c> exists as a genuine and as a counterfeit note). Default false.
    /// </summary>
    public bool GroupByClass { get; init; }

    /// <summary>Compiles <see cref="GroupPattern"/>; throws <see cref="ArgumentException"/> when it is not a valid regex.</summary>
    internal Regex? CompileGroupPattern()
    {
        if (string.IsNullOrEmpty(GroupPattern))
        {
            return null;
        }

        try
        {
            return new Regex(GroupPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Group pattern '{GroupPattern}' is not a valid regular expression: {ex.Message}", nameof(GroupPattern), ex);
        }
    }
}
