namespace NoteGuard.Imaging.Processing.Color;

/// <summary>
/// Channel weights for <see cref="ColorExtensions.ToGray(Image, GrayscaleOptions?)"/>.
/// Each weight is scaled by 2^15 and rounded to an integer (half away from zero); when the weights sum to 1 the
/// blue weight instead takes 2^15 minus the other two, so white stays 255. The gray value is
/// <c>(R·wR + G·wG + B·wB + 2^14) &gt;&gt; 15</c>, saturated to 0..255. For <see cref="Bt601"/> this gives
/// 9798, 19235, 3735: exactly OpenCV 4.x's <c>COLOR_RGB2GRAY</c> fixed-point coefficients (bit-exact).
/// For <see cref="Seed001"/> it gives 5571, 20316, 6881.
/// </summary>
/// <param name="Red">Weight of red, 0..4 (weights need not sum to 1; the result saturates).</param>
/// <param name="Green">Weight of green, 0..4.</param>
/// <param name="Blue">Weight of blue, 0..4.</param>
public sealed record GrayscaleOptions(double Red, double Green, double Blue)
{
    /// <summary>Fixed-point precision of the weights (bits).</summary>
    public const int Shift = 15;

    /// <summary>ITU-R BT.601 luma weights 0.299, 0.587, 0.114 (OpenCV's <c>cvtColor</c> to gray).</summary>
    public static GrayscaleOptions Bt601 { get; } = new(0.299, 0.587, 0.114);

    /// <summary>The banknote-tuned weights 0.17 R + 0.62 G + 0.21 B of seed 001 (Eq. 7).</summary>
    public static GrayscaleOptions Seed001 { get; } = new(0.17, 0.62, 0.21);

    /// <summary>Integer weights (×2^15, see the type's remarks) in R, G, B order.</summary>
    internal (int R, int G, int B) FixedPointWeights()
    {
        Guard.MustBeBetween(Red, 0, 4);
        Guard.MustBeBetween(Green, 0, 4);
        Guard.MustBeBetween(Blue, 0, 4);
        int r = Scale(Red), g = Scale(Green), b = Scale(Blue);
        if (Math.Abs(Red + Green + Blue - 1.0) < 1e-9)
        {
            b = (1 << Shift) - r - g;
        }

        return (r, g, b);

        static int Scale(double w) => (int)Math.Round(w * (1 << Shift), MidpointRounding.AwayFromZero);
    }
}
