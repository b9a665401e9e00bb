using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>PNG filter types (PNG spec 9.2).</summary>
internal enum PngFilterType : byte
{
    None = 0,
    Sub = 1,
    Up = 2,
    Average = 3,
    Paeth = 4,
}

/// <summary>
/// Filtering and unfiltering of whole scanlines on spans (PNG spec 9.2). <c>unit</c> is the filter unit in bytes
/// (bytes per complete pixel, at least 1); <c>previous</c> is the unfiltered row above (all zero for the first row of a pass).
/// </summary>
internal static class PngFilters
{
    /// <summary>Reverses the filter of one row in place. Returns false for an unknown filter type.</summary>
    public static bool TryUnfilter(byte filterType, Span<byte> row, ReadOnlySpan<byte> previous, int unit)
    {
        switch ((PngFilterType)filterType)
        {
            case PngFilterType.None:
                return true;
            case PngFilterType.Sub:
                UnfilterSub(row, unit);
                return true;
            case PngFilterType.Up:
                // Independent per byte, so this one vectorises directly; byte addition wraps modulo 256.
                TensorPrimitives.Add(row, previous[..row.Length], row);
                return true;
            case PngFilterType.Average:
                UnfilterAverage(row, previous, unit);
                return true;
            case PngFilterType.Paeth:
                UnfilterPaeth(row, previous, unit);
                return true;
            default:
                return false;
        }
    }

    private static void UnfilterSub(Span<byte> row, int unit)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        for (int i = unit; i < row.Length; i++)
        {
            Unsafe.Add(ref r, i) += Unsafe.Add(ref r, i - unit);
        }
    }

    private static void UnfilterAverage(Span<byte> row, ReadOnlySpan<byte> previous, int unit)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        int n = row.Length;
        int first = Math.Min(unit, n);
        for (int i = 0; i < first; i++)
        {
            Unsafe.Add(ref r, i) += (byte)(Unsafe.Add(ref p, i) >> 1);
        }

        for (int i = unit; i < n; i++)
        {
            Unsafe.Add(ref r, i) += (byte)((Unsafe.Add(ref r, i - unit) + Unsafe.Add(ref p, i)) >> 1);
        }
    }

    private static void UnfilterPaeth(Span<byte> row, ReadOnlySpan<byte> previous, int unit)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        int n = row.Length;
        int first = Math.Min(unit, n);

        // With no left neighbour the predictor is always the byte above.
        for (int i = 0; i < first; i++)
        {
            Unsafe.Add(ref r, i) += Unsafe.Add(ref p, i);
        }

        for (int i = unit; i < n; i++)
        {
            Unsafe.Add(ref r, i) += PaethPredictor(Unsafe.Add(ref r, i - unit), Unsafe.Add(ref p, i), Unsafe.Add(ref p, i - unit));
        }
    }

    /// <summary>The Paeth predictor of PNG spec 9.4: whichever of left, above, upper-left is closest to left + above − upper-left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte PaethPredictor(byte left, byte above, byte upperLeft)
    {
        int pa = Math.Abs(above - upperLeft);
        int pb = Math.Abs(left - upperLeft);
        int pc = Math.Abs(left + above - upperLeft - upperLeft);
        if (pa <= pb && pa <= pc)
        {
            return left;
        }

        return pb <= pc ? above : upperLeft;
    }

    /// <summary>
    /// Writes <paramref name="row"/> filtered with <paramref name="filterType"/> into <paramref name="destination"/>
    /// (same length, without the filter byte).
    /// </summary>
    public static void Filter(PngFilterType filterType, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> destination, int unit)
    {
        int n = row.Length;
        int first = Math.Min(unit, n);
        switch (filterType)
        {
            case PngFilterType.None:
                row.CopyTo(destination);
                break;
            case PngFilterType.Sub:
                row[..first].CopyTo(destination);
                if (n > unit)
                {
                    TensorPrimitives.Subtract(row[unit..], row[..(n - unit)], destination[unit..n]);
                }

                break;
            case PngFilterType.Up:
                TensorPrimitives.Subtract(row, previous[..n], destination[..n]);
                break;
            case PngFilterType.Average:
                for (int i = 0; i < first; i++)
                {
                    destination[i] = (byte)(row[i] - (previous[i] >> 1));
                }

                for (int i = unit; i < n; i++)
                {
                    destination[i] = (byte)(row[i] - ((row[i - unit] + previous[i]) >> 1));
                }

                break;
            case PngFilterType.Paeth:
                for (int i = 0; i < first; i++)
                {
                    destination[i] = (byte)(row[i] - previous[i]);
                }

                for (int i = unit; i < n; i++)
                {
                    destination[i] = (byte)(row[i] - PaethPredictor(row[i - unit], previous[i], previous[i - unit]));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filterType));
        }
    }
}
