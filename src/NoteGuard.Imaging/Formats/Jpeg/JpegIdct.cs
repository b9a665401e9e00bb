using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// The accurate integer inverse DCT of the Independent JPEG Group ("islow", jidctint.c): the Loeffler–Ligtenberg–
/// Moschytz factorisation with 13-bit fixed-point constants, a 2-bit intermediate scale, and libjpeg's
/// range-limit that wraps the descaled value to 10 bits before clamping. The scalar and the AVX2 paths use the
/// same 32-bit arithmetic, so they produce identical bytes (and match libjpeg-turbo for every valid stream).
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;

    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    private const int Pass1Shift = ConstBits - Pass1Bits;
    private const int Pass2Shift = ConstBits + Pass1Bits + 3;

    /// <summary>True when the AVX2 path runs (tests compare it with <see cref="TransformScalar"/>).</summary>
    public static bool IsVectorized => Avx2.IsSupported;

    /// <summary>
    /// Dequantises <paramref name="block"/> (64 coefficients, natural order) by <paramref name="quant"/> (natural
    /// order), inverse-transforms it and writes 8 rows of 8 samples to <paramref name="output"/> at
    /// <paramref name="offset"/> with <paramref name="stride"/> bytes between rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transform(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        if (Avx2.IsSupported)
        {
            TransformAvx2(block, quant, output, offset, stride);
        }
        else
        {
            TransformScalar(block, quant, output, offset, stride);
        }
    }

    /// <summary>The output sample of a block whose AC coefficients are all zero (both passes' shortcuts of jidctint).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte DcOnlyValue(int dc, int quantDc)
    {
        // Same 32-bit expressions as the full transform (so corrupt, overflowing input agrees with it too).
        int w = ((dc * quantDc << ConstBits) + (1 << (Pass1Shift - 1))) >> Pass1Shift;
        return RangeLimit(((w << ConstBits) + (1 << (Pass2Shift - 1))) >> Pass2Shift);
    }

    /// <summary>Fills an 8×8 block with one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fill(byte value, Span<byte> output, int offset, int stride)
    {
        ulong word = value * 0x0101010101010101UL;
        for (int y = 0; y < 8; y++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(offset + (y * stride), 8), word);
        }
    }

    /// <summary>libjpeg's post-IDCT range limit: wrap to a signed 10-bit value, add 128, clamp to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte RangeLimit(int x)
    {
        int v = ((x << 22) >> 22) + 128;
        return (byte)Math.Clamp(v, 0, 255);
    }

    /// <summary>Scalar reference path (jidctint.c pass structure, 32-bit intermediates).</summary>
    public static void TransformScalar(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        Span<int> ws = stackalloc int[64];
        _ = block[63];
        _ = quant[63];

        // Pass 1: columns.
        for (int c = 0; c < 8; c++)
        {
            if (block[8 + c] == 0 && block[16 + c] == 0 && block[24 + c] == 0 && block[32 + c] == 0 &&
                block[40 + c] == 0 && block[48 + c] == 0 && block[56 + c] == 0)
            {
                int dc = ((block[c] * quant[c] << ConstBits) + (1 << (Pass1Shift - 1))) >> Pass1Shift;
                for (int r = 0; r < 8; r++)
                {
                    ws[(r * 8) + c] = dc;
                }

                continue;
            }

            int z2 = block[16 + c] * quant[16 + c];
            int z3 = block[48 + c] * quant[48 + c];
            int z1 = (z2 + z3) * Fix0541196100;
            int tmp2 = z1 + (z3 * -Fix1847759065);
            int tmp3 = z1 + (z2 * Fix0765366865);

            z2 = block[c] * quant[c];
            z3 = block[32 + c] * quant[32 + c];
            int tmp0 = (z2 + z3) << ConstBits;
            int tmp1 = (z2 - z3) << ConstBits;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = block[56 + c] * quant[56 + c];
            tmp1 = block[40 + c] * quant[40 + c];
            tmp2 = block[24 + c] * quant[24 + c];
            tmp3 = block[8 + c] * quant[8 + c];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int round = 1 << (Pass1Shift - 1);
            ws[c] = (tmp10 + tmp3 + round) >> Pass1Shift;
            ws[56 + c] = (tmp10 - tmp3 + round) >> Pass1Shift;
            ws[8 + c] = (tmp11 + tmp2 + round) >> Pass1Shift;
            ws[48 + c] = (tmp11 - tmp2 + round) >> Pass1Shift;
            ws[16 + c] = (tmp12 + tmp1 + round) >> Pass1Shift;
            ws[40 + c] = (tmp12 - tmp1 + round) >> Pass1Shift;
            ws[24 + c] = (tmp13 + tmp0 + round) >> Pass1Shift;
            ws[32 + c] = (tmp13 - tmp0 + round) >> Pass1Shift;
        }

        // Pass 2: rows.
        for (int r = 0; r < 8; r++)
        {
            Span<int> w = ws.Slice(r * 8, 8);
            Span<byte> o = output.Slice(offset + (r * stride), 8);
            int z2 = w[2];
            int z3 = w[6];
            int z1 = (z2 + z3) * Fix0541196100;
            int tmp2 = z1 + (z3 * -Fix1847759065);
            int tmp3 = z1 + (z2 * Fix0765366865);
            int tmp0 = (w[0] + w[4]) << ConstBits;
            int tmp1 = (w[0] - w[4]) << ConstBits;

            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = w[7];
            tmp1 = w[5];
            tmp2 = w[3];
            tmp3 = w[1];
            Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

            const int round = 1 << (Pass2Shift - 1);
            o[0] = RangeLimit((tmp10 + tmp3 + round) >> Pass2Shift);
            o[7] = RangeLimit((tmp10 - tmp3 + round) >> Pass2Shift);
            o[1] = RangeLimit((tmp11 + tmp2 + round) >> Pass2Shift);
            o[6] = RangeLimit((tmp11 - tmp2 + round) >> Pass2Shift);
            o[2] = RangeLimit((tmp12 + tmp1 + round) >> Pass2Shift);
            o[5] = RangeLimit((tmp12 - tmp1 + round) >> Pass2Shift);
            o[3] = RangeLimit((tmp13 + tmp0 + round) >> Pass2Shift);
            o[4] = RangeLimit((tmp13 - tmp0 + round) >> Pass2Shift);
        }
    }

    /// <summary>Odd part of the 8-point IDCT: inputs are the coefficients 7, 5, 3, 1; outputs tmp0..tmp3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Odd(ref int tmp0, ref int tmp1, ref int tmp2, ref int tmp3)
    {
        int z1 = tmp0 + tmp3;
        int z2 = tmp1 + tmp2;
        int z3 = tmp0 + tmp2;
        int z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * Fix1175875602;

        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;

        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;
    }

    /// <summary>
    /// AVX2 path: each Vector256 holds one row of 8 columns, so the column pass runs on all columns at once;
    /// an 8×8 transpose turns rows into columns for the row pass, and a second transpose restores row order.
    /// </summary>
    private static void TransformAvx2(ReadOnlySpan<short> block, ReadOnlySpan<int> quant, Span<byte> output, int offset, int stride)
    {
        ref short b = ref Unsafe.AsRef(in block[0]);
        ref int q = ref Unsafe.AsRef(in quant[0]);
        _ = block[63];
        _ = quant[63];

        Vector256<int> r0 = Load(ref b, ref q, 0);
        Vector256<int> r1 = Load(ref b, ref q, 1);
        Vector256<int> r2 = Load(ref b, ref q, 2);
        Vector256<int> r3 = Load(ref b, ref q, 3);
        Vector256<int> r4 = Load(ref b, ref q, 4);
        Vector256<int> r5 = Load(ref b, ref q, 5);
        Vector256<int> r6 = Load(ref b, ref q, 6);
        Vector256<int> r7 = Load(ref b, ref q, 7);

        Pass(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, Pass1Shift);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Pass(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, Pass2Shift);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        Vector256<byte> rows0123 = Vector256.Narrow(Vector256.Narrow(Limit(r0), Limit(r1)), Vector256.Narrow(Limit(r2), Limit(r3))).AsByte();
        Vector256<byte> rows4567 = Vector256.Narrow(Vector256.Narrow(Limit(r4), Limit(r5)), Vector256.Narrow(Limit(r6), Limit(r7))).AsByte();
        Span<byte> dst = output.Slice(offset, (7 * stride) + 8);
        ref byte d = ref dst[0];
        Vector256<ulong> a = rows0123.AsUInt64();
        Vector256<ulong> c = rows4567.AsUInt64();
        Unsafe.WriteUnaligned(ref d, a.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, stride), a.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 2 * stride), a.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 3 * stride), a.GetElement(3));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 4 * stride), c.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 5 * stride), c.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 6 * stride), c.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 7 * stride), c.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref short block, ref int quant, int row)
    {
        Vector128<short> coefficients = Vector128.LoadUnsafe(ref block, (nuint)(row * 8));
        Vector256<int> widened = Avx2.ConvertToVector256Int32(coefficients);
        return widened * Vector256.LoadUnsafe(ref quant, (nuint)(row * 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Limit(Vector256<int> x)
    {
        Vector256<int> wrapped = Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(x, 22), 22) + Vector256.Create(128);
        return Vector256.Min(Vector256.Max(wrapped, Vector256<int>.Zero), Vector256.Create(255));
    }

    /// <summary>One 1-D pass over 8 vectors (x0..x7 are the 8 inputs of each lane's transform).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(
        ref Vector256<int> x0, ref Vector256<int> x1, ref Vector256<int> x2, ref Vector256<int> x3,
        ref Vector256<int> x4, ref Vector256<int> x5, ref Vector256<int> x6, ref Vector256<int> x7, int shift)
    {
        Vector256<int> z1 = (x2 + x6) * Vector256.Create(Fix0541196100);
        Vector256<int> tmp2 = z1 + (x6 * Vector256.Create(-Fix1847759065));
        Vector256<int> tmp3 = z1 + (x2 * Vector256.Create(Fix0765366865));
        Vector256<int> tmp0 = Vector256.ShiftLeft(x0 + x4, ConstBits);
        Vector256<int> tmp1 = Vector256.ShiftLeft(x0 - x4, ConstBits);

        Vector256<int> tmp10 = tmp0 + tmp3;
        Vector256<int> tmp13 = tmp0 - tmp3;
        Vector256<int> tmp11 = tmp1 + tmp2;
        Vector256<int> tmp12 = tmp1 - tmp2;

        tmp0 = x7;
        tmp1 = x5;
        tmp2 = x3;
        tmp3 = x1;
        z1 = tmp0 + tmp3;
        Vector256<int> z2 = tmp1 + tmp2;
        Vector256<int> z3 = tmp0 + tmp2;
        Vector256<int> z4 = tmp1 + tmp3;
        Vector256<int> z5 = (z3 + z4) * Vector256.Create(Fix1175875602);

        tmp0 *= Vector256.Create(Fix0298631336);
        tmp1 *= Vector256.Create(Fix2053119869);
        tmp2 *= Vector256.Create(Fix3072711026);
        tmp3 *= Vector256.Create(Fix1501321110);
        z1 *= Vector256.Create(-Fix0899976223);
        z2 *= Vector256.Create(-Fix2562915447);
        z3 = (z3 * Vector256.Create(-Fix1961570560)) + z5;
        z4 = (z4 * Vector256.Create(-Fix0390180644)) + z5;

        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        Vector256<int> round = Vector256.Create(1 << (shift - 1));
        x0 = Vector256.ShiftRightArithmetic(tmp10 + tmp3 + round, shift);
        x7 = Vector256.ShiftRightArithmetic(tmp10 - tmp3 + round, shift);
        x1 = Vector256.ShiftRightArithmetic(tmp11 + tmp2 + round, shift);
        x6 = Vector256.ShiftRightArithmetic(tmp11 - tmp2 + round, shift);
        x2 = Vector256.ShiftRightArithmetic(tmp12 + tmp1 + round, shift);
        x5 = Vector256.ShiftRightArithmetic(tmp12 - tmp1 + round, shift);
        x3 = Vector256.ShiftRightArithmetic(tmp13 + tmp0 + round, shift);
        x4 = Vector256.ShiftRightArithmetic(tmp13 - tmp0 + round, shift);
    }

    /// <summary>8×8 transpose of 32-bit lanes: unpack pairs, unpack quads, then swap 128-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        // t0 = a0 b0 a1 b1 | a4 b4 a5 b5 ; t1 = a2 b2 a3 b3 | a6 b6 a7 b7 (and likewise for c..h)
        Vector256<int> t0 = Avx2.UnpackLow(r0, r1);
        Vector256<int> t1 = Avx2.UnpackHigh(r0, r1);
        Vector256<int> t2 = Avx2.UnpackLow(r2, r3);
        Vector256<int> t3 = Avx2.UnpackHigh(r2, r3);
        Vector256<int> t4 = Avx2.UnpackLow(r4, r5);
        Vector256<int> t5 = Avx2.UnpackHigh(r4, r5);
        Vector256<int> t6 = Avx2.UnpackLow(r6, r7);
        Vector256<int> t7 = Avx2.UnpackHigh(r6, r7);

        // u0 = a0 b0 c0 d0 | a4 b4 c4 d4 ; u1 = a1 .. d1 | a5 .. d5 ; u2 = a2.. | a6.. ; u3 = a3.. | a7..
        Vector256<int> u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        Vector256<int> u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        Vector256<int> u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        Vector256<int> u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32();
        Vector256<int> u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();

        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
