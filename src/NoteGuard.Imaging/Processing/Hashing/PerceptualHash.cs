using System.Globalization;
using System.Numerics;
using NoteGuard.Imaging.Processing.Geometry;

namespace NoteGuard.Imaging.Processing.Hashing;

/// <summary>
/// A 64-bit DCT perceptual hash (pHash) of an image, for near-duplicate detection (seed 004 de-duplicates at
/// Hamming distance ≤ 5). Visually similar images (rescaled, recompressed, slightly shifted or brightened) get hashes a
/// few bits apart; unrelated images differ in about half of the bits.
/// </summary>
/// <remarks>
/// Algorithm (the one of the <c>imagehash</c> Python package, with OpenCV-style steps):
/// (1) luma <c>Y = (4899·R + 9617·G + 1868·B + 2¹³) ≫ 14</c> (BT.601, alpha ignored);
/// (2) resize to 32×32 with <see cref="ResizeMode.Area"/>;
/// (3) 2-D DCT-II (unnormalised, double precision);
/// (4) keep the top-left 8×8 low frequencies, <b>DC included</b>;
/// (5) bit = coefficient &gt; median of those 64 values.
/// Bits are stored row-major with the first coefficient in the most significant bit, so <see cref="ToString"/> reads
/// like imagehash's hex form.
/// </remarks>
/// <param name="Bits">The 64 hash bits.</param>
public readonly record struct PerceptualHash(ulong Bits)
{
    /// <summary>Side of the reduced image the DCT runs on.</summary>
    public const int ReducedSize = 32;

    /// <summary>Side of the low-frequency block that becomes the hash.</summary>
    public const int HashSize = 8;

    /// <summary>Seed 004's near-duplicate threshold (Hamming distance ≤ 5).</summary>
    public const int DefaultDuplicateDistance = 5;

    private static readonly double[] s_cosines = BuildCosines();

    /// <summary>
    /// Hashes an 8-bit image of any size and format. Throws <see cref="ArgumentNullException"/> for null.
    /// </summary>
    public static PerceptualHash Compute(Image image)
    {
        Guard.NotNull(image);
        using var gray = Luma(image);
        using var small = gray.Resize(ReducedSize, ReducedSize, ResizeMode.Area);
        var pixels = small.Pixels;

        // Separable DCT-II restricted to the 8 lowest frequencies: first along rows, then along columns.
        Span<double> rows = stackalloc double[ReducedSize * HashSize];
        for (int y = 0; y < ReducedSize; y++)
        {
            for (int v = 0; v < HashSize; v++)
            {
                double sum = 0;
                for (int x = 0; x < ReducedSize; x++)
                {
                    sum += pixels[(y * ReducedSize) + x] * s_cosines[(v * ReducedSize) + x];
                }

                rows[(y * HashSize) + v] = sum;
            }
        }

        Span<double> coefficients = stackalloc double[HashSize * HashSize];
        for (int u = 0; u < HashSize; u++)
        {
            for (int v = 0; v < HashSize; v++)
            {
                double sum = 0;
                for (int y = 0; y < ReducedSize; y++)
                {
                    sum += rows[(y * HashSize) + v] * s_cosines[(u * ReducedSize) + y];
                }

                coefficients[(u * HashSize) + v] = sum;
            }
        }

        Span<double> sorted = stackalloc double[HashSize * HashSize];
        coefficients.CopyTo(sorted);
        sorted.Sort();
        double median = (sorted[31] + sorted[32]) / 2;
        ulong bits = 0;
        for (int i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] > median)
            {
                bits |= 1UL << (63 - i);
            }
        }

        return new PerceptualHash(bits);
    }

    /// <summary>Number of differing bits (0..64), via <see cref="BitOperations.PopCount(ulong)"/>.</summary>
    public int DistanceTo(PerceptualHash other) => BitOperations.PopCount(Bits ^ other.Bits);

    /// <summary>Number of differing bits between two hashes (0..64).</summary>
    public static int HammingDistance(PerceptualHash a, PerceptualHash b) => a.DistanceTo(b);

    /// <summary>
    /// True when the hashes are at most <paramref name="maxDistance"/> bits apart (default
    /// <see cref="DefaultDuplicateDistance"/>, seed 004).
    /// </summary>
    public bool IsNearDuplicateOf(PerceptualHash other, int maxDistance = DefaultDuplicateDistance) => DistanceTo(other) <= maxDistance;

    /// <summary>
    /// Parses the 16-digit hexadecimal form written by <see cref="ToString"/>. Throws <see cref="FormatException"/> for
    /// anything else.
    /// </summary>
    public static PerceptualHash Parse(string text)
    {
        Guard.NotNull(text);
        return text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong bits)
            ? new PerceptualHash(bits)
            : throw new FormatException($"'{text}' is not a 16-digit hexadecimal perceptual hash.");
    }

    /// <summary>The 16 lower-case hexadecimal digits of <see cref="Bits"/>.</summary>
    public override string ToString() => Bits.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>cos(π·k·(2n + 1) / 64) for k &lt; 8, n &lt; 32.</summary>
    private static double[] BuildCosines()
    {
        var table = new double[HashSize * ReducedSize];
        for (int k = 0; k < HashSize; k++)
        {
            for (int n = 0; n < ReducedSize; n++)
            {
                table[(k * ReducedSize) + n] = Math.Cos(Math.PI * k * ((2 * n) + 1) / (2 * ReducedSize));
            }
        }

        return table;
    }

    private static Image Luma(Image image)
    {
        if (image.Format == PixelFormat.Gray8)
        {
            return image.Clone();
        }

        int c = image.Channels;
        var gray = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Gray8);
        var src = image.Pixels;
        var dst = gray.Pixels;
        for (int i = 0, j = 0; i < dst.Length; i++, j += c)
        {
            dst[i] = (byte)(((src[j] * 4899) + (src[j + 1] * 9617) + (src[j + 2] * 1868) + (1 << 13)) >> 14);
        }

        return gray;
    }
}
