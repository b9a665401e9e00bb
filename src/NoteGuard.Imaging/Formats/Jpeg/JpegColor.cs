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

    /// <summary>h2v1_fancy_upsample: each input sample yields two outputs weighted 3/4 nearer + 1/4 further.</summary>
    public static void UpsampleH2V1(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int n = input.Length;
        output[0] = input[0];
        output[1] = (byte)(((input[0] * 3) + input[1] + 2) >> 2);
        for (int i = 1; i < n - 1; i++)
        {
            int v = input[i] * 3;
            output[2 * i] = (byte)((v + input[i - 1] + 1) >> 2);
            output[(2 * i) + 1] = (byte)((v + input[i + 1] + 2) >> 2);
        }

        output[(2 * n) - 2] = (byte)(((input[n - 1] * 3) + input[n - 2] + 1) >> 2);
        output[(2 * n) - 1] = input[n - 1];
    }

    /// <summary>h1v2_fancy_upsample: 3/4 nearer row + 1/4 further row with libjpeg's alternating bias.</summary>
    public static void UpsampleH1V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> output, int bias)
    {
        for (int i = 0; i < near.Length; i++)
        {
            output[i] = (byte)(((near[i] * 3) + far[i] + bias) >> 2);
        }
    }

    /// <summary>h2v2_fancy_upsample for one output row: vertical 3:1 column sums, then the horizontal triangle filter.</summary>
    public static void UpsampleH2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<int> colSums, Span<byte> output)
    {
        int n = near.Length;
        for (int i = 0; i < n; i++)
        {
            colSums[i] = (near[i] * 3) + far[i];
        }

        output[0] = (byte)(((colSums[0] * 4) + 8) >> 4);
        output[1] = (byte)(((colSums[0] * 3) + colSums[1] + 7) >> 4);
        for (int i = 1; i < n - 1; i++)
        {
            int v = colSums[i] * 3;
            output[2 * i] = (byte)((v + colSums[i - 1] + 8) >> 4);
            output[(2 * i) + 1] = (byte)((v + colSums[i + 1] + 7) >> 4);
        }

        output[(2 * n) - 2] = (byte)(((colSums[n - 1] * 3) + colSums[n - 2] + 8) >> 4);
        output[(2 * n) - 1] = (byte)(((colSums[n - 1] * 4) + 7) >> 4);
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
