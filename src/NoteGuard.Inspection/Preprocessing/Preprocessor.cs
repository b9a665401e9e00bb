using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Pipeline;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Preprocessing;

/// <summary>
/// Applies a <see cref="PreprocessingPreset"/>: the same code serves training (through the loader, with
/// augmentation) and inference, so both see identical input.
/// </summary>
public static class Preprocessor
{
    /// <summary>
    /// The image stage: crops to <paramref name="box"/> (enlarged by <paramref name="boxMargin"/>, a fraction of the
    /// box size per side) when one is given, shrinks to the preset's working size when it has one, then runs its steps. Returns a new image; the input is not
    /// modified. Throws <see cref="ArgumentException"/> when a step is invalid.
    /// </summary>
    public static Image Prepare(Image image, PreprocessingPreset preset, BoundingBox? box = null, double boxMargin = 0.1)
    {
        Guard.NotNull(image);
        Guard.NotNull(preset);
        Image current = image;
        if (box is BoundingBox b)
        {
            var (x, y, w, h) = b.ToPixels(image.Width, image.Height, boxMargin);
            current = Crop(image, x, y, w, h);
        }

        if (preset.WorkingSize is int workingSize)
        {
            var reduced = TensorSampler.ReduceForSampling(current, workingSize, workingSize);
            if (!ReferenceEquals(reduced, current) && !ReferenceEquals(current, image))
            {
                current.Dispose();
            }

            current = reduced;
        }

        if (preset.Steps.Count == 0)
        {
            return ReferenceEquals(current, image) ? image.Clone() : current;
        }

        var result = ImagePipeline.Apply(current, preset.Steps);
        if (!ReferenceEquals(current, image))
        {
            current.Dispose();
        }

        return result;
    }

    /// <summary>
    /// The tensor stage: resamples a prepared image to the preset's size, scales to 0..1 and normalises, writing
    /// <see cref="PreprocessingPreset.TensorLength"/> floats in CHW order to <paramref name="destination"/>.
    /// Throws <see cref="ArgumentException"/> when the destination is too short.
    /// </summary>
    public static void ToTensor(Image prepared, PreprocessingPreset preset, Span<float> destination)
    {
        Guard.NotNull(prepared);
        Guard.NotNull(preset);
        Guard.IsTrue(destination.Length >= preset.TensorLength, $"The destination holds {destination.Length} floats; the preset needs {preset.TensorLength}.", nameof(destination));
        var reduced = TensorSampler.ReduceForSampling(prepared, preset.Width, preset.Height);
        try
        {
            Sample(reduced, preset, Affine.Identity, destination);
        }
        finally
        {
            if (!ReferenceEquals(reduced, prepared))
            {
                reduced.Dispose();
            }
        }
    }

    /// <summary>
    /// Both stages: the network input for <paramref name="image"/> as a new CHW array of
    /// <see cref="PreprocessingPreset.TensorLength"/> floats (shape: Channels, Height, Width).
    /// </summary>
    public static float[] Run(Image image, PreprocessingPreset preset, BoundingBox? box = null, double boxMargin = 0.1)
    {
        Guard.NotNull(preset);
        using var prepared = Prepare(image, preset, box, boxMargin);
        var tensor = new float[preset.TensorLength];
        ToTensor(prepared, preset, tensor);
        return tensor;
    }

    /// <summary>
    /// Samples <paramref name="source"/> (already prepared and possibly reduced) into the preset's tensor, with
    /// <paramref name="normalizedMap"/> mapping output coordinates in 0..1 to source coordinates in 0..1, then
    /// leaves values in 0..1 (no normalisation) so colour augmentation can run before <see cref="TensorSampler.Normalize"/>.
    /// </summary>
    internal static void SampleUnit(Image source, PreprocessingPreset preset, Affine normalizedMap, Span<float> destination)
    {
        // pixels_out -> unit_out -> unit_src -> pixels_src
        var map = Affine.Scale(source.Width, source.Height)
            .After(normalizedMap)
            .After(Affine.Scale(1.0 / preset.Width, 1.0 / preset.Height));
        float[] weights = [.. preset.GrayWeights];
        TensorSampler.Sample(source, map, preset.Width, preset.Height, preset.Channels, weights, destination);
    }

    private static void Sample(Image source, PreprocessingPreset preset, Affine normalizedMap, Span<float> destination)
    {
        SampleUnit(source, preset, normalizedMap, destination);
        TensorSampler.Normalize(destination[..preset.TensorLength], preset.Channels, preset.Mean, preset.Std);
    }

    internal static Image Crop(Image image, int x, int y, int width, int height)
    {
        var result = Image.Create(width, height, image.Format);
        int bpp = image.Channels;
        for (int row = 0; row < height; row++)
        {
            image.GetRowReadOnly(y + row).Slice(x * bpp, width * bpp).CopyTo(result.GetRow(row));
        }

        return result;
    }
}
