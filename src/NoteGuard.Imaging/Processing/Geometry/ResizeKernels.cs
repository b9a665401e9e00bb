using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>
/// Horizontal pass of the fixed-point resize: <c>dst[x·c + ch] = Σₖ src[(idxₖ(x))·c + ch] · wₖ(x)</c> (exact int).
/// For 3- and 4-channel images one output pixel is one <see cref="Vector128{T}"/> of 4 ints: each tap loads the 4
/// bytes at its source pixel, widens them to ints and multiplies by the tap weight (for 3 channels the fourth lane
/// is junk that lands in the destination's next slot and is overwritten by the next pixel, or in the 4-int padding
/// after the row). Pixels whose 4-byte load would run past the source row, and gray images, take the scalar path.
/// Integer arithmetic makes both paths identical.
/// </summary>
internal static class HorizontalResize
{
    public static void Row(ReadOnlySpan<byte> src, Span<int> dst, InterpolatingResize.AxisTable xs, int channels)
    {
        int width = xs.Index.Length / xs.Taps;
        if (channels >= 3 && Vector128.IsHardwareAccelerated && dst.Length >= (width * channels) + 1)
        {
            Vectorised(src, dst, xs, channels, width);
        }
        else
        {
            Scalar(src, dst, xs, channels, 0, width);
        }
    }

    internal static void Scalar(ReadOnlySpan<byte> src, Span<int> dst, InterpolatingResize.AxisTable xs, int channels, int from, int to)
    {
        int taps = xs.Taps;
        var index = xs.Index;
        var weight = xs.Weight;
        for (int x = from; x < to; x++)
        {
            int t = x * taps;
            for (int ch = 0; ch < channels; ch++)
            {
                int sum = 0;
                for (int k = 0; k < taps; k++)
                {
                    sum += src[(index[t + k] * channels) + ch] * weight[t + k];
                }

                dst[(x * channels) + ch] = sum;
            }
        }
    }

    private static void Vectorised(ReadOnlySpan<byte> src, Span<int> dst, InterpolatingResize.AxisTable xs, int channels, int width)
    {
        int taps = xs.Taps;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref int d = ref MemoryMarshal.GetReference(dst);
        ref int index = ref MemoryArrayRef(xs.Index);
        ref short weight = ref MemoryArrayRef(xs.Weight);

        // Tap positions never decrease with x, so the pixels whose 4-byte loads stay inside the row form a prefix.
        int lastSafe = src.Length - 4;
        int safe = width;
        while (safe > 0 && Unsafe.Add(ref index, (safe * taps) - 1) * channels > lastSafe)
        {
            safe--;
        }

        int x = 0;
        if (taps == 2 && Sse41.IsSupported)
        {
            // Two taps as one pmaddwd: interleave the bytes of both taps (s0c0 s1c0 s0c1 s1c1 ...), widen to 16 bits and
            // multiply-add with the weight pair (w0 w1) repeated: 4 exact int sums at once, as OpenCV's v_dotprod.
            for (; x < safe; x++)
            {
                int t = x * 2;
                var a = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, Unsafe.Add(ref index, t) * channels))).AsByte();
                var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, Unsafe.Add(ref index, t + 1) * channels))).AsByte();
                var pairs = Sse41.ConvertToVector128Int16(Sse2.UnpackLow(a, b));
                var w = Vector128.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.As<short, byte>(ref Unsafe.Add(ref weight, t)))).AsInt16();
                Sse2.MultiplyAddAdjacent(pairs, w).StoreUnsafe(ref d, (nuint)(x * channels));
            }
        }

        for (; x < safe; x++)
        {
            int t = x * taps;
            var acc = Load(ref s, Unsafe.Add(ref index, t) * channels) * Vector128.Create((int)Unsafe.Add(ref weight, t));
            for (int k = 1; k < taps; k++)
            {
                acc += Load(ref s, Unsafe.Add(ref index, t + k) * channels) * Vector128.Create((int)Unsafe.Add(ref weight, t + k));
            }

            acc.StoreUnsafe(ref d, (nuint)(x * channels));
        }

        Scalar(src, dst, xs, channels, safe, width);
    }

    /// <summary>Four bytes at <paramref name="offset"/> widened to four ints (pmovzxbd where available).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Load(ref byte s, int offset)
    {
        uint bytes = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, offset));
        var v = Vector128.CreateScalarUnsafe(bytes).AsByte();
        if (Sse41.IsSupported)
        {
            return Sse41.ConvertToVector128Int32(v);
        }

        return Vector128.WidenLower(Vector128.WidenLower(v)).AsInt32();
    }

    private static ref T MemoryArrayRef<T>(T[] array) => ref MemoryMarshal.GetArrayDataReference(array);
}

/// <summary>Vertical bilinear pass with OpenCV's vector rounding, 16 samples per step with a scalar tail.</summary>
internal static class VerticalResize
{
    /// <summary><c>dst = clamp(((h₀≫4)·b₀≫16 + (h₁≫4)·b₁≫16 + 2) ≫ 2, 0, 255)</c> (weights ≥ 0, so h ≫ 4 fits 16 bits as in OpenCV).</summary>
    public static void BilinearOpenCv(ReadOnlySpan<int> h0, ReadOnlySpan<int> h1, short b0, short b1, Span<byte> dst)
    {
        int t = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref int r0 = ref MemoryMarshal.GetReference(h0);
            ref int r1 = ref MemoryMarshal.GetReference(h1);
            ref byte d = ref MemoryMarshal.GetReference(dst);
            var w0 = Vector128.Create((int)b0);
            var w1 = Vector128.Create((int)b1);
            var two = Vector128.Create(2);
            var max = Vector128.Create(255);
            for (; t <= dst.Length - 16; t += 16)
            {
                var a = Lane(ref r0, ref r1, t, w0, w1, two, max);
                var b = Lane(ref r0, ref r1, t + 4, w0, w1, two, max);
                var c = Lane(ref r0, ref r1, t + 8, w0, w1, two, max);
                var e = Lane(ref r0, ref r1, t + 12, w0, w1, two, max);
                var bytes = Vector128.Narrow(Vector128.Narrow(a, b), Vector128.Narrow(c, e));
                bytes.AsByte().StoreUnsafe(ref d, (nuint)t);
            }
        }

        for (; t < dst.Length; t++)
        {
            int v = ((((h0[t] >> 4) * b0) >> 16) + (((h1[t] >> 4) * b1) >> 16) + 2) >> 2;
            dst[t] = (byte)Math.Clamp(v, 0, 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Lane(ref int r0, ref int r1, int t, Vector128<int> w0, Vector128<int> w1, Vector128<int> two, Vector128<int> max)
    {
        var x0 = Vector128.LoadUnsafe(ref r0, (nuint)t);
        var x1 = Vector128.LoadUnsafe(ref r1, (nuint)t);
        var v = Vector128.ShiftRightArithmetic(Vector128.ShiftRightArithmetic(x0, 4) * w0, 16)
            + Vector128.ShiftRightArithmetic(Vector128.ShiftRightArithmetic(x1, 4) * w1, 16) + two;
        return Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(v, 2), Vector128<int>.Zero), max);
    }
}
