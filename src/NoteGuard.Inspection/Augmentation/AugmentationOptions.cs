namespace NoteGuard.Inspection.Augmentation;

/// <summary>
/// Random training-time transformations (all ranges symmetric around "no change" unless stated). Geometric ones
/// are composed into one affine map and applied in a single resampling; colour ones act on 0..1 values before
/// normalisation; random erasing acts on the normalised tensor (as torchvision does).
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>Seed 004's list: random resized crop 0.8–1, rotation ±15°, horizontal flip, colour jitter (0.2, 0.2, 0.2, hue 0.1), affine (translate ≤ 10%, scale 0.9–1.1, shear ≤ 10°), random erasing (p 0.5, 2–15% area).</summary>
    public static AugmentationOptions Seed004 { get; } = new();

    /// <summary>Seed 001's list (gray images): rotation ±15°, shift ≤ 10%, zoom ±20%, horizontal flip, Gaussian blur (p 0.5, σ 0.1–2 px).</summary>
    public static AugmentationOptions Seed001 { get; } = new()
    {
        CropScaleMin = 1,
        CropScaleMax = 1,
        Brightness = 0,
        Contrast = 0,
        Saturation = 0,
        Hue = 0,
        ScaleMin = 1,
        ScaleMax = 1,
        ShearDegrees = 0,
        Zoom = 0.2,
        ErasingProbability = 0,
        BlurProbability = 0.5,
    };

    /// <summary>No augmentation at all (useful to check that the augmented path equals plain preprocessing).</summary>
    public static AugmentationOptions None { get; } = new()
    {
        CropScaleMin = 1,
        CropScaleMax = 1,
        CropAspectMin = 1,
        CropAspectMax = 1,
        RotationDegrees = 0,
        HorizontalFlipProbability = 0,
        Brightness = 0,
        Contrast = 0,
        Saturation = 0,
        Hue = 0,
        TranslateFraction = 0,
        ScaleMin = 1,
        ScaleMax = 1,
        ShearDegrees = 0,
        ErasingProbability = 0,
    };

    /// <summary>
    /// Geometry only: flips both ways, rotation ±10°, random resized crop (scale 0.85–1) and small shifts; no colour
    /// jitter or erasing, for tasks where colour and print detail are the signal (counterfeit detection).
    /// </summary>
    public static AugmentationOptions Geometric { get; } = None with
    {
        CropScaleMin = 0.85,
        CropAspectMin = 3.0 / 4,
        CropAspectMax = 4.0 / 3,
        RotationDegrees = 10,
        HorizontalFlipProbability = 0.5,
        VerticalFlipProbability = 0.5,
        TranslateFraction = 0.05,
    };

    /// <summary>Flips only (horizontal and vertical, each with probability 0.5).</summary>
    public static AugmentationOptions Flips { get; } = None with { HorizontalFlipProbability = 0.5, VerticalFlipProbability = 0.5 };


    /// <summary>Random resized crop: smallest fraction of the image area kept (0..1]. Default 0.8.</summary>
    public double CropScaleMin { get; init; } = 0.8;

    /// <summary>Random resized crop: largest fraction of the image area kept (0..1]. Default 1.</summary>
    public double CropScaleMax { get; init; } = 1;

    /// <summary>Random resized crop: smallest width/height ratio of the crop (log-uniform). Default 3/4.</summary>
    public double CropAspectMin { get; init; } = 3.0 / 4;

    /// <summary>Random resized crop: largest width/height ratio of the crop. Default 4/3.</summary>
    public double CropAspectMax { get; init; } = 4.0 / 3;

    /// <summary>Rotation drawn uniformly in ±this many degrees. Default 15.</summary>
    public double RotationDegrees { get; init; } = 15;

    /// <summary>Probability of a horizontal flip. Default 0.5.</summary>
    public double HorizontalFlipProbability { get; init; } = 0.5;

    /// <summary>Probability of a vertical flip. Default 0 (banknotes are rarely upside down in the seeds' data).</summary>
    public double VerticalFlipProbability { get; init; }

    /// <summary>Brightness factor drawn in [1 − b, 1 + b]. Default 0.2.</summary>
    public double Brightness { get; init; } = 0.2;

    /// <summary>Contrast factor drawn in [1 − c, 1 + c] (blend with the mean gray). Default 0.2.</summary>
    public double Contrast { get; init; } = 0.2;

    /// <summary>Saturation factor drawn in [1 − s, 1 + s] (blend with each pixel's gray). Default 0.2.</summary>
    public double Saturation { get; init; } = 0.2;

    /// <summary>Hue shift drawn in ±h of a full turn (0..0.5). Default 0.1.</summary>
    public double Hue { get; init; } = 0.1;

    /// <summary>Translation drawn in ±this fraction of the width and height. Default 0.1.</summary>
    public double TranslateFraction { get; init; } = 0.1;

    /// <summary>Affine scale, smallest. Default 0.9.</summary>
    public double ScaleMin { get; init; } = 0.9;

    /// <summary>Affine scale, largest. Default 1.1.</summary>
    public double ScaleMax { get; init; } = 1.1;

    /// <summary>Horizontal shear drawn in ±this many degrees. Default 10.</summary>
    public double ShearDegrees { get; init; } = 10;

    /// <summary>Zoom factor drawn in [1 − z, 1 + z] (Keras' zoom_range), multiplied into the affine scale. Default 0.</summary>
    public double Zoom { get; init; }

    /// <summary>Probability of a Gaussian blur. Default 0.</summary>
    public double BlurProbability { get; init; }

    /// <summary>Smallest blur σ in output pixels. Default 0.1.</summary>
    public double BlurSigmaMin { get; init; } = 0.1;

    /// <summary>Largest blur σ in output pixels. Default 2.</summary>
    public double BlurSigmaMax { get; init; } = 2;

    /// <summary>Probability of erasing one random rectangle (set to 0 after normalisation). Default 0.5.</summary>
    public double ErasingProbability { get; init; } = 0.5;

    /// <summary>Erased area, smallest fraction of the image. Default 0.02.</summary>
    public double ErasingAreaMin { get; init; } = 0.02;

    /// <summary>Erased area, largest fraction of the image. Default 0.15.</summary>
    public double ErasingAreaMax { get; init; } = 0.15;

    /// <summary>Checks every range; throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        Guard.MustBeBetween(CropScaleMin, 1e-3, 1, nameof(CropScaleMin));
        Guard.MustBeBetween(CropScaleMax, CropScaleMin, 1, nameof(CropScaleMax));
        Guard.MustBePositive(CropAspectMin, nameof(CropAspectMin));
        Guard.IsTrue(CropAspectMax >= CropAspectMin && double.IsFinite(CropAspectMax), "CropAspectMax must be ≥ CropAspectMin.", nameof(CropAspectMax));
        Guard.MustBeBetween(RotationDegrees, 0, 180, nameof(RotationDegrees));
        Guard.MustBeBetween(HorizontalFlipProbability, 0, 1, nameof(HorizontalFlipProbability));
        Guard.MustBeBetween(VerticalFlipProbability, 0, 1, nameof(VerticalFlipProbability));
        Guard.MustBeBetween(Brightness, 0, 1, nameof(Brightness));
        Guard.MustBeBetween(Contrast, 0, 1, nameof(Contrast));
        Guard.MustBeBetween(Saturation, 0, 1, nameof(Saturation));
        Guard.MustBeBetween(Hue, 0, 0.5, nameof(Hue));
        Guard.MustBeBetween(TranslateFraction, 0, 1, nameof(TranslateFraction));
        Guard.MustBePositive(ScaleMin, nameof(ScaleMin));
        Guard.IsTrue(ScaleMax >= ScaleMin && double.IsFinite(ScaleMax), "ScaleMax must be ≥ ScaleMin.", nameof(ScaleMax));
        Guard.MustBeBetween(ShearDegrees, 0, 45, nameof(ShearDegrees));
        Guard.MustBeBetween(Zoom, 0, 0.9, nameof(Zoom));
        Guard.MustBeBetween(BlurProbability, 0, 1, nameof(BlurProbability));
        Guard.MustBePositive(BlurSigmaMin, nameof(BlurSigmaMin));
        Guard.IsTrue(BlurSigmaMax >= BlurSigmaMin && BlurSigmaMax <= 20, "BlurSigmaMax must be in BlurSigmaMin..20.", nameof(BlurSigmaMax));
        Guard.MustBeBetween(ErasingProbability, 0, 1, nameof(ErasingProbability));
        Guard.MustBeBetween(ErasingAreaMin, 0, 1, nameof(ErasingAreaMin));
        Guard.MustBeBetween(ErasingAreaMax, ErasingAreaMin, 1, nameof(ErasingAreaMax));
    }
}
