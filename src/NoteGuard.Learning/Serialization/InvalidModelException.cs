namespace NoteGuard.Learning.Serialization;

/// <summary>
/// Thrown when a NoteGuard model file cannot be read or does not match what the caller needs: wrong magic,
/// a newer format version, a truncated or corrupt file (checksum mismatch), a header that lies about sizes,
/// a malformed tensor directory, an unexpected model kind, or a missing tensor or one of the wrong type or shape.
/// The message names the problem and, where known, the file, the byte offset and the tensor.
/// </summary>
public sealed class InvalidModelException : Exception
{
    /// <summary>Creates the exception with a message that names the problem and where it was found.</summary>
    public InvalidModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the low-level cause.</summary>
    public InvalidModelException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message (prefer the overloads that explain).</summary>
    public InvalidModelException()
        : base("The model file is invalid.")
    {
    }

    /// <summary>Byte offset in the file where the problem was found, or -1 when not applicable.</summary>
    public long Offset { get; init; } = -1;

    /// <summary>Name of the tensor concerned, or null when the problem is not about one tensor.</summary>
    public string? TensorName { get; init; }

    /// <summary>The file path (or a description such as <c>&lt;stream&gt;</c>) the model was read from, or null.</summary>
    public string? SourceName { get; init; }
}
