namespace NoteGuard.Inspection.Datasets;

/// <summary>The one place that creates the exception for bad dataset content (layout, CSV, YAML, labels).</summary>
internal static class DatasetErrors
{
    public static InvalidDatasetException Invalid(string message) => new(message);
}
