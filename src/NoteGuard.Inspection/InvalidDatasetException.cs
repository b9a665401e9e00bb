namespace NoteGuard.Inspection;

/// <summary>
/// A dataset (CSV table, image folder, manifest) whose content cannot be used. The message says what is wrong
/// and where: file, row (1-based line number in the file) and column when known. The CLI maps it to exit code 2.
/// </summary>
public sealed class InvalidDatasetException : Exception
{
    /// <summary>Creates the exception with a complete message.</summary>
    public InvalidDatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete message and its cause.</summary>
    public InvalidDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a location; the message becomes "FILE, row R, column 'C': PROBLEM".</summary>
    /// <param name="path">The dataset file or folder (null when unknown).</param>
    /// <param name="row">1-based line number in the file, or null.</param>
    /// <param name="column">Column name, or null.</param>
    /// <param name="problem">What is wrong.</param>
    public InvalidDatasetException(string? path, int? row, string? column, string problem)
        : base(Compose(path, row, column, problem))
    {
        Path = path;
        Row = row;
        Column = column;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public InvalidDatasetException()
        : base("invalid dataset")
    {
    }

    /// <summary>The dataset file or folder, when known.</summary>
    public string? Path { get; }

    /// <summary>1-based line number in the file, when known.</summary>
    public int? Row { get; }

    /// <summary>Column name, when known.</summary>
    public string? Column { get; }

    private static string Compose(string? path, int? row, string? column, string problem)
    {
        var parts = new List<string>(3);
        if (path is not null)
        {
            parts.Add(path);
        }

        if (row is int r)
        {
            parts.Add(FormattableString.Invariant($"row {r}"));
        }

        if (column is not null)
        {
            parts.Add($"column '{column}'");
        }

        return parts.Count == 0 ? problem : string.Join(", ", parts) + ": " + problem;
    }
}
