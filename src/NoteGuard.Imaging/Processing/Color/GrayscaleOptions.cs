namespace NoteGuard.Imaging.Processing.Color;

/// <summary>
/// Channel weights for <see cref="ColorExtensions.ToGray(Image, GrayscaleOptions?)"/>.
/// Each weight is scaled by 2^14 and rounded to an integer; the gray value is
/// <c>(R·wR + G·wG + B·wB + 2^13) &gt;&gt; 14</c>, saturated to 0..255. For <see cref="Bt601"/> the integer
/// weights are 4899, 9617, 1868, exactly OpenCV's <c>COLOR_RGB2GRAY</c> fixed-point coefficients.
/// </summary>
/// <param name="Red">Weight of red, 0..4 (weights need not sum to 1; the result saturates).</param>
/// <param name="Green">Weight of green, 0..4.</param>
/// <param name="Blue">Weight of blue, 0..4.</param>
public sealed record GrayscaleOptions(double Red, double Green, double Blue)
{
    /// <summary>Fixed-point precision of the weights (bits).</summary>
    public const int Shift = 14;

    /// <summary>ITU-R BT.601 luma weights 0.299, 0.587, 0.114 (OpenCV's <c>cvtColor</c> to gray).</summary>
    public static GrayscaleOptions Bt601 { get; } = new(0.299, 0.587, 0.114);

    /// <summary>The banknote-tuned weights 0.17 R + 0.62 G + 0.21 B of seed 001 (Eq. 7).</summary>
    public static GrayscaleOptions Seed001 { get; } = new(0.17, 0.62, 0.21);

    /// <summary>Integer weights (×2^14, rounded half away from zero) in R, G, B order.</summary>
    internal (int R, int G, int B) FixedPointWeights()
    {
        Guard.MustBeBetween(Red, 0, 4);
        Guard.MustBeBetween(Green, 0, 4);
        Guard.MustBeBetween(Blue, 0, 4);
        return (Scale(Red), Scale(Green), Scale(Blue));

        static int Scale(double w) => (int)Math.Round(w * (1 << Shift), MidpointRounding.AwayFromZero);
    }
}
