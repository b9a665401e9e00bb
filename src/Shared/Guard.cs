using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NoteGuard;

/// <summary>
/// Argument checks at public boundaries. Validation happens once, here; internal code relies on
/// <see cref="System.Diagnostics.Debug.Assert(bool)"/> for its invariants.
/// </summary>
internal static class Guard
{
    public static void NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        if (value is null)
        {
            ThrowHelper.ThrowArgumentNull(name);
        }
    }

    public static void MustBePositive(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, "must be greater than zero");
        }
    }

    public static void MustBePositive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, "must be a finite number greater than zero");
        }
    }

    public static void MustBeNonNegative(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, "must not be negative");
        }
    }

    public static void MustBeNonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, "must be a finite number not below zero");
        }
    }

    public static void MustBeBetween(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, $"must be between {min} and {max}");
        }
    }

    public static void MustBeBetween(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= min && value <= max))
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, $"must be between {min} and {max}");
        }
    }

    public static void MustBeOdd(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value <= 0 || (value & 1) == 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, "must be a positive odd number");
        }
    }

    public static void IsTrue([DoesNotReturnIf(false)] bool condition, string message, [CallerArgumentExpression(nameof(condition))] string? name = null)
    {
        if (!condition)
        {
            ThrowHelper.ThrowArgument(message, name);
        }
    }
}
