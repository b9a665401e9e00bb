namespace NoteGuard.Learning.Serialization;

/// <summary>Limits and expectations applied when a model file is read.</summary>
public sealed record ModelFileReadOptions
{
    /// <summary>
    /// Largest file accepted, in bytes (default 2 GiB; the effective limit is also capped at the largest byte array,
    /// just under 2 GiB). A larger file is rejected with <see cref="InvalidModelException"/> before it is read.
    /// </summary>
    public long MaxBytes { get; init; } = 2L << 30;

    /// <summary>
    /// When set, the file's <see cref="ModelFile.Kind"/> must start with this text (ordinal comparison), for example
    /// <c>"nn/"</c> or <c>"svm"</c>; otherwise reading fails with <see cref="InvalidModelException"/>.
    /// </summary>
    public string? ExpectedKindPrefix { get; init; }
}
