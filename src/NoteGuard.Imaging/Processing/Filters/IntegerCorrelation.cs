using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// A 16-bit integer path for 8-bit correlation with small integer kernels (sharpen, emboss, Laplacian-like).
/// When every weight is an integer and Σ|w| ≤ 128, every product and partial sum of <see cref="Correlation"/>'s float
/// accumulation is an integer below 2^15, so float arithmetic is exact and this path gives identical bytes: the
/// accumulation is done on 16-bit lanes (16 samples per 256-bit vector instead of 8 floats) and saturated to 0..255.
/// </summary>
internal static class IntegerCorrelation
{
    /// <summary>Largest Σ|w| for which Σ|w| × 255 fits a signed 16-bit accumulator.</summary>
    private const int MaxAbsoluteWeightSum = short.MaxValue / 255;

    /// <summary>Applies the integer path when the kernel and border allow it; false leaves the work to the float path.</summary>
    public static bool TryApply(Image image, ConvolutionKernel kernel, BorderMode border, float borderValue, out Image result)
    {
        result = null!;
        if (border == BorderMode.Constant && !(borderValue is >= 0 and <= 255 && borderValue == MathF.Floor(borderValue)))
        {
            return false;
        }

        int absoluteSum = 0;
        var taps = new List<(int Row, int Offset, short Weight)>(kernel.Width * kernel.Height);
        int channels = image.Channels;
        for (int ky = 0; ky < kernel.Height; ky++)
        {
            for (int kx = 0; kx < kernel.Width; kx++)
            {
                float w = kernel[kx, ky];
                if (w != MathF.Round(w) || MathF.Abs(w) > MaxAbsoluteWeightSum)
                {
                    return false;
                }

                if (w != 0)
                {
                    absoluteSum += (int)MathF.Abs(w);
                    taps.Add((ky, kx * channels, (short)w));
                }
            }
        }

        if (absoluteSum > MaxAbsoluteWeightSum || taps.Count == 0)
        {
            return false;
        }

        int left = kernel.AnchorX, right = kernel.Width - 1 - kernel.AnchorX;
        int top = kernel.AnchorY, bottom = kernel.Height - 1 - kernel.AnchorY;
        int[] columns = BorderIndex.Table(image.Width, left, right, border);
        int[] rowTable = BorderIndex.Table(image.Height, top, bottom, border);
        int stride = (image.Width + left + right) * channels;

        // Padded byte rows (one extra row of the constant border value at index Height), read through the row table.
        byte[] padded = ArrayPool<byte>.Shared.Rent(stride * (image.Height + 1));
        try
        {
            byte constant = (byte)borderValue;
            for (int y = 0; y < image.Height; y++)
            {
                var row = padded.AsSpan(y * stride, stride);
                var source = image.GetRowReadOnly(y);
                source[..(image.Width * channels)].CopyTo(row[(left * channels)..]);
                for (int i = 0; i < columns.Length; i++)
                {
                    if (i >= left && i < left + image.Width)
                    {
                        continue;
                    }

                    int sx = columns[i];
                    for (int c = 0; c < channels; c++)
                    {
                        row[(i * channels) + c] = sx < 0 ? constant : source[(sx * channels) + c];
                    }
                }
            }

            padded.AsSpan(image.Height * stride, stride).Fill(constant);
            for (int i = 0; i < rowTable.Length; i++)
            {
                if (rowTable[i] < 0)
                {
                    rowTable[i] = image.Height;
                }
            }

            result = Image.CreateUninitialized(image.Width, image.Height, image.Format);
            var op = new Rows(padded, stride, rowTable, [.. taps], image, result);
            ParallelRows.For(image.Height, image.Width * kernel.Width * kernel.Height / 9, op);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(padded);
        }

        return true;
    }

    private readonly struct Rows(byte[] padded, int stride, int[] rowTable, (int Row, int Offset, short Weight)[] taps, Image input, Image output) : IRowOperation
    {
        public void Invoke(int y)
        {
            var dst = output.GetRow(y);
            int length = dst.Length;
            short[] rented = ArrayPool<short>.Shared.Rent(length);
            var acc = rented.AsSpan(0, length);
            acc.Clear();
            foreach (var (row, offset, weight) in taps)
            {
                var source = padded.AsSpan((rowTable[y + row] * stride) + offset, length);
                MultiplyAdd(source, weight, acc);
            }

            Saturate(acc, dst);
            ArrayPool<short>.Shared.Return(rented);
            if (input.Channels == 4)
            {
                Correlation.CopyAlpha(input.GetRowReadOnly(y), dst);
            }
        }
    }

    /// <summary><paramref name="acc"/>[i] += <paramref name="weight"/> × <paramref name="source"/>[i] on 16-bit lanes (never overflows, see the class remarks).</summary>
    private static void MultiplyAdd(ReadOnlySpan<byte> source, short weight, Span<short> acc)
    {
        int i = 0;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref short a = ref MemoryMarshal.GetReference(acc);
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                (Vector256.LoadUnsafe(ref a, (nuint)i) + (lower.AsInt16() * w)).StoreUnsafe(ref a, (nuint)i);
                nuint j = (nuint)(i + Vector256<short>.Count);
                (Vector256.LoadUnsafe(ref a, j) + (upper.AsInt16() * w)).StoreUnsafe(ref a, j);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var w = Vector128.Create(weight);
            for (; i <= source.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                (Vector128.LoadUnsafe(ref a, (nuint)i) + (lower.AsInt16() * w)).StoreUnsafe(ref a, (nuint)i);
                nuint j = (nuint)(i + Vector128<short>.Count);
                (Vector128.LoadUnsafe(ref a, j) + (upper.AsInt16() * w)).StoreUnsafe(ref a, j);
            }
        }

        // Remainder (less than one vector of bytes), and everything without SIMD.
        for (; i < source.Length; i++)
        {
            acc[i] += (short)(weight * source[i]);
        }
    }

    /// <summary>Clamps the 16-bit sums to 0..255 and narrows them to bytes.</summary>
    private static void Saturate(ReadOnlySpan<short> acc, Span<byte> destination)
    {
        int i = 0;
        ref short a = ref MemoryMarshal.GetReference(acc);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            var max = Vector256.Create((short)255);
            for (; i <= acc.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var lower = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256<short>.Zero), max);
                var upper = Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref a, (nuint)(i + Vector256<short>.Count)), Vector256<short>.Zero), max);
                Vector256.Narrow(lower.AsUInt16(), upper.AsUInt16()).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var max = Vector128.Create((short)255);
            for (; i <= acc.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var lower = Vector128.Min(Vector128.Max(Vector128.LoadUnsafe(ref a, (nuint)i), Vector128<short>.Zero), max);
                var upper = Vector128.Min(Vector128.Max(Vector128.LoadUnsafe(ref a, (nuint)(i + Vector128<short>.Count)), Vector128<short>.Zero), max);
                Vector128.Narrow(lower.AsUInt16(), upper.AsUInt16()).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            destination[i] = (byte)Math.Clamp((int)acc[i], 0, 255);
        }
    }
}
