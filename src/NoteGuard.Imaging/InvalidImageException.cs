namespace NoteGuard.Imaging;

/// <summary>
/// Thrown when image content cannot be decoded: truncated or corrupt data, a header that lies, a format
/// feature NoteGuard does not support, or an image larger than the configured pixel budget.
/// The message says what was wrong and, where known, at which byte offset.
/// </summary>
public class InvalidImageException : Exception
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the low-level cause.</summary>
    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the overloads that explain).</summary>
    public InvalidImageException()
        : base("The image is invalid.")
    {
    }

    /// <summary>Byte offset in the file where the problem was found, or -1 when not applicable.</summary>
    public long Offset { get; init; } = -1;
}

/// <summary>
/// Thrown for well-formed files that use a feature NoteGuard does not decode (for example arithmetic-coded,
/// 12-bit or CMYK JPEG). It is an <see cref="InvalidImageException"/> so callers handle both the same way.
/// </summary>
public sealed class UnsupportedImageException : InvalidImageException
{
    /// <summary>Creates the exception with a message naming the unsupported feature.</summary>
    public UnsupportedImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the low-level cause.</summary>
    public UnsupportedImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the overloads that explain).</summary>
    public UnsupportedImageException()
        : base("The image uses an unsupported feature.")
    {
    }
}
