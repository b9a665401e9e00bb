namespace NoteGuard.Imaging.Processing.Threshold;

/// <summary>How a sample compared with the threshold becomes the output, as OpenCV's <c>THRESH_*</c> types.</summary>
public enum ThresholdType
{
    /// <summary><c>v &gt; t ? max : 0</c>.</summary>
    Binary,

    /// <summary><c>v &gt; t ? 0 : max</c>.</summary>
    BinaryInverted,

    /// <summary><c>v &gt; t ? t : v</c>.</summary>
    Truncate,

    /// <summary><c>v &gt; t ? v : 0</c>.</summary>
    ToZero,

    /// <summary><c>v &gt; t ? 0 : v</c>.</summary>
    ToZeroInverted,
}

/// <summary>
/// Fixed or Otsu thresholding of 8-bit samples, with OpenCV's <c>cv2.threshold</c> semantics: the threshold is
/// floored to an integer <c>t</c> and the maximum rounded (half to even) and saturated to 0..255.
/// </summary>
/// <param name="Threshold">Threshold in sample units (any finite value; ignored when <paramref name="Otsu"/>). Default 128.</param>
/// <param name="MaxValue">Value written for "above" in the binary types, 0..255. Default 255.</param>
/// <param name="Type">The <see cref="ThresholdType"/>. Default <see cref="ThresholdType.Binary"/>.</param>
/// <param name="Otsu">
/// When true the threshold is chosen by Otsu's method per channel (bit-exact with OpenCV's <c>THRESH_OTSU</c>,
/// which OpenCV offers on one channel only).
/// </param>
public sealed record ThresholdOptions(double Threshold = 128, double MaxValue = 255, ThresholdType Type = ThresholdType.Binary, bool Otsu = false)
{
    internal void Validate()
    {
        Guard.IsTrue(double.IsFinite(Threshold), "The threshold must be a finite number.", nameof(Threshold));
        Guard.MustBeBetween(MaxValue, 0.0, 255.0);
        Guard.IsTrue(Enum.IsDefined(Type), "Unknown threshold type.", nameof(Type));
    }
}
