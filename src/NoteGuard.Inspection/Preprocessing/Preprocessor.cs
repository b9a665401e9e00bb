using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Geometry;
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
    /// Decodes an image file for <paramref name="preset"/> at reduced cost (the loader's
    /// <see cref="DatasetLoaderOptions.ReducedDecoding"/>; inference must load the same way as training did). When the preset has a <see cref="PreprocessingPreset.WorkingSize"/> that <see cref="Prepare"/> would
    /// shrink the image to by a whole factor k ≥ 2 (to ⌈W/k⌉ × ⌈H/k⌉), a JPEG is decoded at the largest reduced DCT
    /// scale (1/2, 1/4, 1/8; <see cref="DecoderOptions.MinimumSize"/>) that keeps both sides at least that size, then
    /// area-averaged to exactly that size, so <see cref="Prepare"/> runs its steps on the same dimensions as after a full
    /// decode. The pixels differ slightly from a full decode followed by k×k block means (the reduced IDCT is a
    /// different low-pass filter; see docs/datasets.md for the measured effect on the <c>enhanced</c> tensors).
    /// Otherwise (no working size, k = 1, no scale fits, not a JPEG) the image is decoded at full size.
    /// Throws <see cref="FileNotFoundException"/>, <see cref="IOException"/> or <see cref="InvalidImageException"/> as
    /// <see cref="ImageCodec.Load(string, DecoderOptions?)"/> does.
    /// </summary>
    public static Image Load(string path, PreprocessingPreset preset, DecoderOptions? decoder = null)
    {
        Guard.NotNull(path);
        Guard.NotNull(preset);
        decoder ??= DecoderOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        if (info.Length > ImageCodec.MaxFileBytes)
        {
            throw new InvalidImageException($"{path}: file of {info.Length} bytes is larger than the {ImageCodec.MaxFileBytes}-byte limit.");
        }

        return Decode(File.ReadAllBytes(path), preset, decoder);
    }

    /// <summary>The in-memory form of <see cref="Load"/>; throws <see cref="InvalidImageException"/> for undecodable data.</summary>
    public static Image Decode(ReadOnlySpan<byte> data, PreprocessingPreset preset, DecoderOptions? decoder = null)
    {
        Guard.NotNull(preset);
        decoder ??= DecoderOptions.Default;
        if (preset.WorkingSize is not int workingSize || ImageCodec.DetectFormat(data) != ImageFormat.Jpeg)
        {
            return ImageCodec.Decode(data, decoder);
        }

        var info = ImageCodec.Identify(data, decoder);
        int k = Math.Max(1, Math.Min(info.Width / workingSize, info.Height / workingSize));
        if (k == 1)
        {
            return ImageCodec.Decode(data, decoder);
        }

        // The working size a full decode would reach; the decoder keeps both sides at least the larger of the two.
        int targetWidth = (info.Width + k - 1) / k;
        int targetHeight = (info.Height + k - 1) / k;
        var decoded = ImageCodec.Decode(data, decoder with { MinimumSize = Math.Max(targetWidth, targetHeight) });
        bool fullSize = decoded.Width == info.Width && decoded.Height == info.Height; // no reduced scale fits: Prepare reduces as usual
        if (fullSize || (decoded.Width == targetWidth && decoded.Height == targetHeight))
        {
            return decoded;
        }

        using (decoded)
        {
            return decoded.Resize(targetWidth, targetHeight, ResizeMode.Area);
        }
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
