namespace NoteGuard.Inspection.Datasets;

/// <summary>The one place that creates the exception for bad dataset content (layout, CSV, YAML, labels).</summary>
internal static class DatasetErrors
{
    // TODO(lead): switch to NoteGuard.Inspection.InvalidDatasetException once classical learning lands it on main.
    public static Exception Invalid(string message) => new InvalidDataException(message);
}
