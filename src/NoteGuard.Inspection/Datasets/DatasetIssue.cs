namespace NoteGuard.Inspection.Datasets;

/// <summary>A file that was skipped or only partly used, and why. Issues are reported, never hidden.</summary>
/// <param name="Path">The file concerned.</param>
/// <param name="Reason">One line saying what was wrong (and where in the file, when known).</param>
public sealed record DatasetIssue(string Path, string Reason);
