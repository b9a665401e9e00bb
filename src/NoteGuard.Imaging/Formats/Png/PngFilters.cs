using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            UnfilterPaethVector(row, previous, unit);
        }
        else
        {
            UnfilterPaethScalar(row, previous, unit);
        }
    }

    /// <summary>Scalar Paeth reversal; the reference for <see cref="UnfilterPaethVector"/>.</summary>
    internal static void UnfilterPaethScalar(Span<byte> row, ReadOnlySpan<byte> previous, int unit)
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

    /// <summary>
    /// Paeth reversal one whole pixel at a time: the pixel's 1..8 bytes sit in the low lanes of a Vector128 of
    /// 16-bit values (upper lanes carry ignored garbage), and both choices are lane-wise selects instead of
    /// branches, which noisy rows mispredict constantly. The chain from one pixel to the next is inherent to Paeth.
    /// </summary>
    internal static void UnfilterPaethVector(Span<byte> row, ReadOnlySpan<byte> previous, int unit)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        int n = row.Length;
        Vector128<short> a = Vector128<short>.Zero;
        Vector128<short> c = Vector128<short>.Zero;
        Vector128<short> low = Vector128.Create((short)0xFF);
        for (int o = 0; o + unit <= n; o += unit)
        {
            Vector128<short> b = LoadPixel(ref p, o, unit, n);
            Vector128<short> raw = LoadPixel(ref r, o, unit, n);
            Vector128<short> pa = Vector128.Abs(b - c);
            Vector128<short> pb = Vector128.Abs(a - c);
            Vector128<short> pc = Vector128.Abs(a + b - c - c);
            Vector128<short> best = Vector128.ConditionalSelect(Vector128.LessThan(pb, pa), b, a);
            Vector128<short> bestDistance = Vector128.Min(pa, pb);
            Vector128<short> predictor = Vector128.ConditionalSelect(Vector128.LessThan(pc, bestDistance), c, best);
            Vector128<short> value = (raw + predictor) & low;
            StorePixel(ref r, o, unit, Vector128.Narrow(value.AsUInt16(), value.AsUInt16()).AsUInt64().ToScalar());
            a = value;
            c = b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> LoadPixel(ref byte source, int offset, int unit, int length)
    {
        ulong bits;
        if (offset + 8 <= length)
        {
            bits = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, offset));
        }
        else
        {
            bits = 0;
            for (int k = 0; k < unit; k++)
            {
                bits |= (ulong)Unsafe.Add(ref source, offset + k) << (8 * k);
            }
        }

        return Vector128.WidenLower(Vector128.CreateScalarUnsafe(bits).AsByte()).AsInt16();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePixel(ref byte target, int offset, int unit, ulong bits)
    {
        ref byte at = ref Unsafe.Add(ref target, offset);
        switch (unit)
        {
            case 1:
                at = (byte)bits;
                break;
            case 2:
                Unsafe.WriteUnaligned(ref at, (ushort)bits);
                break;
            case 3:
                Unsafe.WriteUnaligned(ref at, (ushort)bits);
                Unsafe.Add(ref at, 2) = (byte)(bits >> 16);
                break;
            case 4:
                Unsafe.WriteUnaligned(ref at, (uint)bits);
                break;
            case 6:
                Unsafe.WriteUnaligned(ref at, (uint)bits);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 4), (ushort)(bits >> 32));
                break;
            default:
                Unsafe.WriteUnaligned(ref at, bits);
                break;
        }
    }

    /// <summary>
    /// The Paeth predictor of PNG spec 9.4: whichever of left (a), above (b), upper-left (c) is closest to a + b − c,
    /// ties going to a, then b. Written as two conditional moves, which is the same decision as the spec's
    /// "pa ≤ pb and pa ≤ pc → a, else pb ≤ pc → b, else c" without unpredictable branches on noisy rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte PaethPredictor(byte left, byte above, byte upperLeft)
    {
        int a = left;
        int b = above;
        int c = upperLeft;
        int pa = Abs(b - c);
        int pb = Abs(a - c);
        int pc = Abs(a + b - c - c);
        int best = pb < pa ? b : a;
        int bestDistance = pb < pa ? pb : pa;
        return (byte)(pc < bestDistance ? c : best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int value)
    {
        int sign = value >> 31;
        return (value ^ sign) - sign;
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

                FilterAverageOrPaeth(row, previous, destination, unit, paeth: false);
                break;
            case PngFilterType.Paeth:
                for (int i = 0; i < first; i++)
                {
                    destination[i] = (byte)(row[i] - previous[i]);
                }

                FilterAverageOrPaeth(row, previous, destination, unit, paeth: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filterType));
        }
    }

    /// <summary>
    /// Average and Paeth filtering from byte <c>unit</c> on. Unlike unfiltering, every output byte depends only on
    /// the unfiltered input, so eight bytes go at once in 16-bit lanes; the last &lt;8 bytes take the scalar path.
    /// </summary>
    private static void FilterAverageOrPaeth(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, Span<byte> destination, int unit, bool paeth)
    {
        ref byte x = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = row.Length;
        int i = unit;
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            for (; i + 8 <= n; i += 8)
            {
                Vector128<short> a = Load8(ref Unsafe.Add(ref x, i - unit));
                Vector128<short> b = Load8(ref Unsafe.Add(ref p, i));
                Vector128<short> value = Load8(ref Unsafe.Add(ref x, i));
                Vector128<short> predictor;
                if (paeth)
                {
                    Vector128<short> c = Load8(ref Unsafe.Add(ref p, i - unit));
                    Vector128<short> pa = Vector128.Abs(b - c);
                    Vector128<short> pb = Vector128.Abs(a - c);
                    Vector128<short> pc = Vector128.Abs(a + b - c - c);
                    Vector128<short> best = Vector128.ConditionalSelect(Vector128.LessThan(pb, pa), b, a);
                    predictor = Vector128.ConditionalSelect(Vector128.LessThan(pc, Vector128.Min(pa, pb)), c, best);
                }
                else
                {
                    predictor = Vector128.ShiftRightLogical(a + b, 1);
                }

                Vector128<ushort> result = (value - predictor).AsUInt16() & Vector128.Create((ushort)0xFF);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), Vector128.Narrow(result, result).AsUInt64().ToScalar());
            }
        }

        for (; i < n; i++)
        {
            int a = Unsafe.Add(ref x, i - unit);
            int b = Unsafe.Add(ref p, i);
            int predictor = paeth ? PaethPredictor((byte)a, (byte)b, Unsafe.Add(ref p, i - unit)) : (a + b) >> 1;
            Unsafe.Add(ref d, i) = (byte)(Unsafe.Add(ref x, i) - predictor);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Load8(ref byte source) =>
        Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte()).AsInt16();
}
