using System.Diagnostics.CodeAnalysis;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>Throw sites for malformed PNG content; every message names the problem and, where known, the byte offset.</summary>
internal static class PngThrowHelper
{
    [DoesNotReturn]
    public static void ThrowInvalid(string message, long offset) =>
        throw new InvalidImageException($"PNG: {message} (at byte offset {offset}).") { Offset = offset };

    [DoesNotReturn]
    public static void ThrowInvalid(string message) => throw new InvalidImageException($"PNG: {message}.");

    [DoesNotReturn]
    public static void ThrowUnsupported(string message, long offset) =>
        throw new UnsupportedImageException($"PNG: {message} (at byte offset {offset}).") { Offset = offset };

    [DoesNotReturn]
    public static void ThrowTruncated(string message, long offset) =>
        throw new InvalidImageException($"PNG is truncated: {message} (at byte offset {offset}).") { Offset = offset };
}
