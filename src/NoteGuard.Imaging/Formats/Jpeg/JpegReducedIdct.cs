using System.Runtime.CompilerServices;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// Reduced-size inverse DCTs for decoding at 1/2, 1/4 and 1/8 scale, as the IJG's jidctred.c (used by libjpeg-turbo
/// for these sizes): a 4×4 output from the coefficients of frequencies 0..3 and 5..7 (frequency 4 cannot be
/// represented on 4 samples), a 2×2 output from the DC and odd coefficients, and a 1×1 output from the DC alone.
/// The constants are √2 × sums of cos(kπ/16) in 13-bit fixed point, with a 2-bit intermediate scale; intermediates
/// are 64-bit as libjpeg's JLONG on LP64, and outputs go through libjpeg's range limit (wrap to 10 bits, add 128, clamp).
/// </summary>
internal static class JpegReducedIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;

    private const long Fix0211164243 = 1730;
    private const long Fix0509795579 = 4176;
    private const long Fix0601344887 = 4926;
    private const long Fix0720959822 = 5906;
    private const long Fix0765366865 = 6270;
    private const long Fix0850430095 = 6967;
    private const long Fix0899976223 = 7373;
    private const long Fix1061594337 = 8697;
    private const long Fix1272758580 = 10426;
    private const long Fix1451774981 = 11893;
    private const long Fix1847759065 = 15137;
    private const long Fix2172734803 = 17799;
    private const long Fix2562915447 = 20995;
    private const long Fix3624509785 = 29692;

    /// <summary>
    /// Inverse-transforms <paramref name="block"/> (natural order) dequantised by <paramref name="quant"/> into
    /// <paramref name="size"/> × <paramref name="size"/> samples (size 4, 2 or 1) at <paramref name="offset"/>.
    /// </summary>
    public static void Transform(int size, ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        switch (size)
        {
            case 4:
                Transform4x4(block, quant, output, offset, stride);
                break;
            case 2:
                Transform2x2(block, quant, output, offset, stride);
                break;
            default:
                output[offset] = DcOnlyValue(1, block[0], quant[0]);
                break;
        }
    }

    /// <summary>The sample of a size × size output whose AC coefficients are all zero (each size's DC shortcut in jidctred.c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte DcOnlyValue(int size, int dc, int quantDc)
    {
        if (size == 1)
        {
            return RangeLimit(Descale((long)dc * quantDc, 3));
        }

        int w = (dc * quantDc) << Pass1Bits;
        return RangeLimit(Descale(w, Pass1Bits + 3));
    }

    /// <summary>Fills a size × size block with one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fill(int size, byte value, Span<byte> output, int offset, int stride)
    {
        for (int y = 0; y < size; y++)
        {
            output.Slice(offset + (y * stride), size).Fill(value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Descale(long x, int n) => (int)((x + (1L << (n - 1))) >> n);

    /// <summary>libjpeg's post-IDCT range limit: wrap to a signed 10-bit value, add 128, clamp to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte RangeLimit(int x) => (byte)Math.Clamp(((x << 22) >> 22) + 128, 0, 255);

    private static void Transform4x4(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        Span<int> ws = stackalloc int[32]; // 4 rows of 8 columns (column 4 unused)
        _ = block[63];
        _ = quant[63];

        // Pass 1: columns 0..3 and 5..7 into 4 rows.
        for (int c = 0; c < 8; c++)
        {
            if (c == 4)
            {
                continue;
            }

            if (block[8 + c] == 0 && block[16 + c] == 0 && block[24 + c] == 0 && block[40 + c] == 0 && block[48 + c] == 0 && block[56 + c] == 0)
            {
                int dc = (block[c] * quant[c]) << Pass1Bits;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                continue;
            }

            long tmp0 = (long)(block[c] * quant[c]) << (ConstBits + 1);
            long tmp2 = ((long)(block[16 + c] * quant[16 + c]) * Fix1847759065) - ((long)(block[48 + c] * quant[48 + c]) * Fix0765366865);
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            Odd4(block[56 + c] * quant[56 + c], block[40 + c] * quant[40 + c], block[24 + c] * quant[24 + c], block[8 + c] * quant[8 + c], out long odd0, out long odd2);
            const int Shift = ConstBits - Pass1Bits + 1;
            ws[c] = Descale(tmp10 + odd2, Shift);
            ws[24 + c] = Descale(tmp10 - odd2, Shift);
            ws[8 + c] = Descale(tmp12 + odd0, Shift);
            ws[16 + c] = Descale(tmp12 - odd0, Shift);
        }

        // Pass 2: the 4 rows into 4 output samples each.
        for (int r = 0; r < 4; r++)
        {
            var w = ws.Slice(r * 8, 8);
            var row = output.Slice(offset + (r * stride), 4);
            if (w[1] == 0 && w[2] == 0 && w[3] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0)
            {
                row.Fill(RangeLimit(Descale(w[0], Pass1Bits + 3)));
                continue;
            }

            long tmp0 = (long)w[0] << (ConstBits + 1);
            long tmp2 = (w[2] * Fix1847759065) - (w[6] * Fix0765366865);
            long tmp10 = tmp0 + tmp2;
            long tmp12 = tmp0 - tmp2;
            Odd4(w[7], w[5], w[3], w[1], out long odd0, out long odd2);
            const int Shift = ConstBits + Pass1Bits + 3 + 1;
            row[0] = RangeLimit(Descale(tmp10 + odd2, Shift));
            row[3] = RangeLimit(Descale(tmp10 - odd2, Shift));
            row[1] = RangeLimit(Descale(tmp12 + odd0, Shift));
            row[2] = RangeLimit(Descale(tmp12 - odd0, Shift));
        }
    }

    /// <summary>The odd part of the 4-point output from frequencies 7, 5, 3, 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Odd4(long z1, long z2, long z3, long z4, out long tmp0, out long tmp2)
    {
        tmp0 = (z1 * -Fix0211164243) + (z2 * Fix1451774981) + (z3 * -Fix2172734803) + (z4 * Fix1061594337);
        tmp2 = (z1 * -Fix0509795579) + (z2 * -Fix0601344887) + (z3 * Fix0899976223) + (z4 * Fix2562915447);
    }

    private static void Transform2x2(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        Span<int> ws = stackalloc int[16]; // 2 rows of 8 columns (only 0, 1, 3, 5, 7 used)
        _ = block[63];
        _ = quant[63];
        for (int c = 0; c < 8; c++)
        {
            if (c is 2 or 4 or 6)
            {
                continue;
            }

            if (block[8 + c] == 0 && block[24 + c] == 0 && block[40 + c] == 0 && block[56 + c] == 0)
            {
                int dc = (block[c] * quant[c]) << Pass1Bits;
                ws[c] = dc;
                ws[8 + c] = dc;
                continue;
            }

            long tmp10 = (long)(block[c] * quant[c]) << (ConstBits + 2);
            long tmp0 = Odd2(block[56 + c] * quant[56 + c], block[40 + c] * quant[40 + c], block[24 + c] * quant[24 + c], block[8 + c] * quant[8 + c]);
            const int Shift = ConstBits - Pass1Bits + 2;
            ws[c] = Descale(tmp10 + tmp0, Shift);
            ws[8 + c] = Descale(tmp10 - tmp0, Shift);
        }

        for (int r = 0; r < 2; r++)
        {
            var w = ws.Slice(r * 8, 8);
            var row = output.Slice(offset + (r * stride), 2);
            if (w[1] == 0 && w[3] == 0 && w[5] == 0 && w[7] == 0)
            {
                row.Fill(RangeLimit(Descale(w[0], Pass1Bits + 3)));
                continue;
            }

            long tmp10 = (long)w[0] << (ConstBits + 2);
            long tmp0 = Odd2(w[7], w[5], w[3], w[1]);
            const int Shift = ConstBits + Pass1Bits + 3 + 2;
            row[0] = RangeLimit(Descale(tmp10 + tmp0, Shift));
            row[1] = RangeLimit(Descale(tmp10 - tmp0, Shift));
        }
    }

    /// <summary>The odd part of the 2-point output from frequencies 7, 5, 3, 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Odd2(long z7, long z5, long z3, long z1) =>
        (z7 * -Fix0720959822) + (z5 * Fix0850430095) + (z3 * -Fix1272758580) + (z1 * Fix3624509785);
}
