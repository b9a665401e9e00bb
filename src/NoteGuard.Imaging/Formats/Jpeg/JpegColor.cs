using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// Row kernels matching libjpeg-turbo: fancy (triangle-filter) upsampling from jdsample.c and YCbCr→RGB from
/// jdcolor.c with 16-bit fixed-point constants. The vector paths compute the same integer expressions as the
/// scalar ones, so results are identical with or without hardware intrinsics.
/// </summary>
internal static class JpegColor
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);

    // FIX(x) = (int)(x * 65536 + 0.5), as jdcolor.c builds its tables.
    private const int FixCrR = 91881;   // 1.40200
    private const int FixCbB = 116130;  // 1.77200
    private const int FixCrG = 46802;   // 0.71414
    private const int FixCbG = 22554;   // 0.34414

    private static readonly Vector128<byte>[] s_interleaveMasks = BuildInterleaveMasks();

    /// <summary>YCbCr → interleaved RGB for <paramref name="width"/> pixels (JFIF / ITU-R BT.601 full range).</summary>
    public static void YCbCrToRgb(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb, int width)
    {
        int x = 0;
        if (Avx2.IsSupported && Ssse3.IsSupported && width >= 16)
        {
            x = YCbCrToRgbAvx2(y, cb, cr, rgb, width);
        }

        for (; x < width; x++)
        {
            int yy = y[x];
            int b = cb[x] - 128;
            int r = cr[x] - 128;
            rgb[3 * x] = Clamp(yy + (((FixCrR * r) + Half) >> ScaleBits));
            rgb[(3 * x) + 1] = Clamp(yy + (((-FixCbG * b) - (FixCrG * r) + Half) >> ScaleBits));
            rgb[(3 * x) + 2] = Clamp(yy + (((FixCbB * b) + Half) >> ScaleBits));
        }
    }

    /// <summary>Interleaves three planes of R, G, B (Adobe transform 0) into RGB.</summary>
    public static void Interleave(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> rgb, int width)
    {
        int x = 0;
        if (Ssse3.IsSupported)
        {
            for (; x + 16 <= width; x += 16)
            {
                Store48(Vector128.Create(r.Slice(x, 16)), Vector128.Create(g.Slice(x, 16)), Vector128.Create(b.Slice(x, 16)), rgb.Slice(3 * x, 48));
            }
        }

        for (; x < width; x++)
        {
            rgb[3 * x] = r[x];
            rgb[(3 * x) + 1] = g[x];
            rgb[(3 * x) + 2] = b[x];
        }
    }

    /// <summary>
    /// h2v1_fancy_upsample: each input sample yields two outputs weighted 3/4 nearer + 1/4 further. With the
    /// edge samples replicated (in[−1] = in[0], in[n] = in[n−1]) libjpeg's special first/last columns follow
    /// the general formula, so one loop serves all columns. <paramref name="padded"/> needs n + 2 + 16 entries.
    /// </summary>
    public static void UpsampleH2V1(ReadOnlySpan<byte> input, Span<short> padded, Span<byte> output)
    {
        int n = input.Length;
        Widen(input, padded.Slice(1, n));
        padded[0] = padded[1];
        padded[n + 1] = padded[n];
        TriangleFilter(padded, output, n, evenBias: 1, oddBias: 2, shift: 2);
    }

    /// <summary>h1v2_fancy_upsample: 3/4 nearer row + 1/4 further row with libjpeg's alternating bias.</summary>
    public static void UpsampleH1V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output, int bias)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<short> b = Vector256.Create((short)bias);
            Vector256<short> three = Vector256.Create((short)3);
            for (; i + 16 <= near.Length; i += 16)
            {
                Vector256<short> a = Avx2.ConvertToVector256Int16(Vector128.Create(near.Slice(i, 16)));
                Vector256<short> c = Avx2.ConvertToVector256Int16(Vector128.Create(far.Slice(i, 16)));
                Vector256<short> sum = Vector256.ShiftRightArithmetic((a * three) + c + b, 2);
                Sse2.PackUnsignedSaturate(sum.GetLower(), sum.GetUpper()).CopyTo(output.Slice(i, 16));
            }
        }

        for (; i < near.Length; i++)
        {
            output[i] = (byte)(((near[i] * 3) + far[i] + bias) >> 2);
        }
    }

    /// <summary>
    /// h2v2_fancy_upsample for one output row: vertical column sums 3·near + far, then the horizontal triangle
    /// filter with libjpeg's +8/+7 rounding (edges replicated as in <see cref="UpsampleH2V1"/>).
    /// <paramref name="colSums"/> needs n + 2 + 16 entries.
    /// </summary>
    public static void UpsampleH2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<short> colSums, Span<byte> output)
    {
        int n = near.Length;
        Span<short> sums = colSums.Slice(1, n);
        int i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<short> three = Vector256.Create((short)3);
            for (; i + 16 <= n; i += 16)
            {
                Vector256<short> a = Avx2.ConvertToVector256Int16(Vector128.Create(near.Slice(i, 16)));
                Vector256<short> c = Avx2.ConvertToVector256Int16(Vector128.Create(far.Slice(i, 16)));
                ((a * three) + c).CopyTo(sums.Slice(i, 16));
            }
        }

        for (; i < n; i++)
        {
            sums[i] = (short)((near[i] * 3) + far[i]);
        }

        colSums[0] = colSums[1];
        colSums[n + 1] = colSums[n];
        TriangleFilter(colSums, output, n, evenBias: 8, oddBias: 7, shift: 4);
    }

    private static void Widen(ReadOnlySpan<byte> input, Span<short> output)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 16 <= input.Length; i += 16)
            {
                Avx2.ConvertToVector256Int16(Vector128.Create(input.Slice(i, 16))).CopyTo(output.Slice(i, 16));
            }
        }

        for (; i < input.Length; i++)
        {
            output[i] = input[i];
        }
    }

    /// <summary>
    /// out[2i] = (3·s[i] + s[i−1] + evenBias) &gt;&gt; shift and out[2i+1] = (3·s[i] + s[i+1] + oddBias) &gt;&gt; shift,
    /// where <paramref name="padded"/>[i + 1] = s[i]. The vector path packs each even/odd pair into one 16-bit lane
    /// (even in the low byte), which is exactly the interleaved byte order in memory.
    /// </summary>
    private static void TriangleFilter(ReadOnlySpan<short> padded, Span<byte> output, int n, int evenBias, int oddBias, int shift)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<short> three = Vector256.Create((short)3);
            Vector256<short> eb = Vector256.Create((short)evenBias);
            Vector256<short> ob = Vector256.Create((short)oddBias);
            Span<short> pairs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(output);
            for (; i + 16 <= n; i += 16)
            {
                Vector256<short> left = Vector256.Create(padded.Slice(i, 16));
                Vector256<short> centre = Vector256.Create(padded.Slice(i + 1, 16)) * three;
                Vector256<short> right = Vector256.Create(padded.Slice(i + 2, 16));
                Vector256<short> even = Vector256.ShiftRightLogical(centre + left + eb, shift);
                Vector256<short> odd = Vector256.ShiftRightLogical(centre + right + ob, shift);
                (even | Vector256.ShiftLeft(odd, 8)).CopyTo(pairs.Slice(i, 16));
            }
        }

        for (; i < n; i++)
        {
            int centre = padded[i + 1] * 3;
            output[2 * i] = (byte)((centre + padded[i] + evenBias) >> shift);
            output[(2 * i) + 1] = (byte)((centre + padded[i + 2] + oddBias) >> shift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    /// <summary>16 pixels per step: widen to 32-bit lanes (two Vector256 per channel), same formula, narrow, interleave.</summary>
    private static int YCbCrToRgbAvx2(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb, int width)
    {
        Vector256<int> center = Vector256.Create(128);
        Vector256<int> half = Vector256.Create(Half);
        Vector256<int> crR = Vector256.Create(FixCrR);
        Vector256<int> cbB = Vector256.Create(FixCbB);
        Vector256<int> crG = Vector256.Create(-FixCrG);
        Vector256<int> cbG = Vector256.Create(-FixCbG);
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            Vector128<byte> yv = Vector128.Create(y.Slice(x, 16));
            Vector128<byte> bv = Vector128.Create(cb.Slice(x, 16));
            Vector128<byte> rv = Vector128.Create(cr.Slice(x, 16));

            Vector256<int> y0 = Avx2.ConvertToVector256Int32(yv);
            Vector256<int> y1 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(yv, 8));
            Vector256<int> b0 = Avx2.ConvertToVector256Int32(bv) - center;
            Vector256<int> b1 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(bv, 8)) - center;
            Vector256<int> r0 = Avx2.ConvertToVector256Int32(rv) - center;
            Vector256<int> r1 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(rv, 8)) - center;

            Vector256<int> red0 = y0 + Vector256.ShiftRightArithmetic((crR * r0) + half, ScaleBits);
            Vector256<int> red1 = y1 + Vector256.ShiftRightArithmetic((crR * r1) + half, ScaleBits);
            Vector256<int> green0 = y0 + Vector256.ShiftRightArithmetic((cbG * b0) + (crG * r0) + half, ScaleBits);
            Vector256<int> green1 = y1 + Vector256.ShiftRightArithmetic((cbG * b1) + (crG * r1) + half, ScaleBits);
            Vector256<int> blue0 = y0 + Vector256.ShiftRightArithmetic((cbB * b0) + half, ScaleBits);
            Vector256<int> blue1 = y1 + Vector256.ShiftRightArithmetic((cbB * b1) + half, ScaleBits);

            Store48(PackBytes(red0, red1), PackBytes(green0, green1), PackBytes(blue0, blue1), rgb.Slice(3 * x, 48));
        }

        return x;
    }

    /// <summary>Saturating pack of 16 ints (two vectors, lane order preserved) to 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> PackBytes(Vector256<int> low, Vector256<int> high)
    {
        // packs works within 128-bit lanes; the permute restores element order.
        Vector256<short> words = Avx2.Permute4x64(Avx2.PackSignedSaturate(low, high).AsInt64(), 0b11_01_10_00).AsInt16();
        Vector128<short> lo = words.GetLower();
        Vector128<short> hi = words.GetUpper();
        return Sse2.PackUnsignedSaturate(lo, hi);
    }

    /// <summary>Writes 16 RGB pixels (48 bytes) from three 16-byte channel vectors with byte shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store48(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, Span<byte> destination)
    {
        Vector128<byte>[] m = s_interleaveMasks;
        Vector128<byte> o0 = Ssse3.Shuffle(r, m[0]) | Ssse3.Shuffle(g, m[1]) | Ssse3.Shuffle(b, m[2]);
        Vector128<byte> o1 = Ssse3.Shuffle(r, m[3]) | Ssse3.Shuffle(g, m[4]) | Ssse3.Shuffle(b, m[5]);
        Vector128<byte> o2 = Ssse3.Shuffle(r, m[6]) | Ssse3.Shuffle(g, m[7]) | Ssse3.Shuffle(b, m[8]);
        o0.CopyTo(destination);
        o1.CopyTo(destination[16..]);
        o2.CopyTo(destination[32..]);
    }

    /// <summary>Mask [3k + c] picks, for output block k, the bytes of channel c: output byte j of block k is pixel (16k+j)/3.</summary>
    private static Vector128<byte>[] BuildInterleaveMasks()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> bytes = stackalloc byte[16];
        for (int block = 0; block < 3; block++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                for (int j = 0; j < 16; j++)
                {
                    int g = (16 * block) + j;
                    bytes[j] = g % 3 == channel ? (byte)(g / 3) : (byte)0x80;
                }

                masks[(3 * block) + channel] = Vector128.Create((ReadOnlySpan<byte>)bytes);
            }
        }

        return masks;
    }
}
