using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NoteGuard;

/// <summary>Throw sites kept out of hot methods so the JIT can inline the callers.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgumentNull(string? name) => throw new ArgumentNullException(name);

    [DoesNotReturn]
    public static void ThrowArgument(string message, string? name) => throw new ArgumentException(message, name);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string? name, object value, string requirement) =>
        throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} {requirement}."));

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
