using NoteGuard.Imaging;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Augmentation;

/// <summary>
/// Seeded augmentation of one image into a preset's tensor. The same (seed, epoch, index) always gives the same
/// result, whichever thread runs it.
/// </summary>
public static class ImageAugmenter
{
    /// <summary>
    /// Preprocesses and augments <paramref name="prepared"/> (the output of <see cref="Preprocessor.Prepare"/>) into
    /// <paramref name="destination"/> (CHW, <see cref="PreprocessingPreset.TensorLength"/> floats, normalised as the
    /// preset says). Throws <see cref="ArgumentException"/> for invalid options or a short destination.
    /// </summary>
    public static void Apply(Image prepared, PreprocessingPreset preset, AugmentationOptions options, long seed, Span<float> destination)
    {
        Guard.NotNull(prepared);
        Guard.NotNull(preset);
        Guard.NotNull(options);
        options.Validate();
        Guard.IsTrue(destination.Length >= preset.TensorLength, $"The destination holds {destination.Length} floats; the preset needs {preset.TensorLength}.", nameof(destination));
        var reduced = TensorSampler.ReduceForSampling(prepared, preset.Width, preset.Height);
        try
        {
            ApplyReduced(reduced, preset, options, new Random(unchecked((int)Mix(seed, 0, 0))), destination[..preset.TensorLength]);
        }
        finally
        {
            if (!ReferenceEquals(reduced, prepared))
            {
                reduced.Dispose();
            }
        }
    }

    /// <summary>A well-mixed 64-bit value from three integers (SplitMix64 finaliser), stable across processes.</summary>
    internal static ulong Mix(long seed, long epoch, long index)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ unchecked((ulong)epoch * 0xC2B2AE3D27D4EB4FUL) ^ unchecked((ulong)index * 0x165667B19E3779F9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>The whole augmentation of an already reduced, prepared image into a normalised tensor.</summary>
    internal static void ApplyReduced(Image source, PreprocessingPreset preset, AugmentationOptions options, Random random, Span<float> tensor)
    {
        var map = DrawGeometry(random, options, preset.Width, preset.Height);
        Preprocessor.SampleUnit(source, preset, map, tensor);
        ApplyColor(random, options, tensor, preset.Channels, preset.Width, preset.Height);
        TensorSampler.Normalize(tensor, preset.Channels, preset.Mean, preset.Std);
        ApplyErasing(random, options, tensor, preset.Channels, preset.Width, preset.Height);
    }

    /// <summary>
    /// One affine map from output unit coordinates (0..1) to source unit coordinates composing, in torchvision's
    /// order: random resized crop, then flips, rotation, shear, scale/zoom and translation about the output centre.
    /// </summary>
    internal static Affine DrawGeometry(Random random, AugmentationOptions o, int width, int height)
    {
        // Random resized crop (area fraction and log-uniform aspect), clipped to the image.
        double area = Uniform(random, o.CropScaleMin, o.CropScaleMax);
        double aspect = Math.Exp(Uniform(random, Math.Log(o.CropAspectMin), Math.Log(o.CropAspectMax)));
        double cw = Math.Min(1, Math.Sqrt(area * aspect));
        double ch = Math.Min(1, Math.Sqrt(area / aspect));
        double x0 = Uniform(random, 0, 1 - cw);
        double y0 = Uniform(random, 0, 1 - ch);

        bool hflip = random.NextDouble() < o.HorizontalFlipProbability;
        bool vflip = random.NextDouble() < o.VerticalFlipProbability;
        double angle = Uniform(random, -o.RotationDegrees, o.RotationDegrees) * Math.PI / 180;
        double shear = Uniform(random, -o.ShearDegrees, o.ShearDegrees) * Math.PI / 180;
        double scale = Uniform(random, o.ScaleMin, o.ScaleMax) * Uniform(random, 1 - o.Zoom, 1 + o.Zoom);
        double tx = Uniform(random, -o.TranslateFraction, o.TranslateFraction) * width;
        double ty = Uniform(random, -o.TranslateFraction, o.TranslateFraction) * height;

        // Forward affine (crop image -> output), in output pixels centred on the image centre:
        // F = T(t) · R(angle) · Shear_x(shear) · S(scale). The sampler needs its inverse.
        double cos = Math.Cos(angle), sin = Math.Sin(angle), tan = Math.Tan(shear);
        var forward = new Affine(
            cos * scale,
            ((cos * tan) - sin) * scale,
            tx,
            sin * scale,
            ((sin * tan) + cos) * scale,
            ty);
        var inverse = Invert(forward);

        var toCentred = Affine.Translate(-width / 2.0, -height / 2.0).After(Affine.Scale(width, height));
        var flip = Affine.Scale(hflip ? -1 : 1, vflip ? -1 : 1);
        var fromCentred = Affine.Scale(1.0 / width, 1.0 / height).After(Affine.Translate(width / 2.0, height / 2.0));
        var crop = Affine.Translate(x0, y0).After(Affine.Scale(cw, ch));
        return crop.After(fromCentred).After(flip).After(inverse).After(toCentred);
    }

    /// <summary>Colour jitter (brightness, contrast, saturation, hue, in that order) then Gaussian blur, on 0..1 values.</summary>
    internal static void ApplyColor(Random random, AugmentationOptions o, Span<float> tensor, int channels, int width, int height)
    {
        int plane = width * height;
        float brightness = (float)Uniform(random, 1 - o.Brightness, 1 + o.Brightness);
        float contrast = (float)Uniform(random, 1 - o.Contrast, 1 + o.Contrast);
        float saturation = (float)Uniform(random, 1 - o.Saturation, 1 + o.Saturation);
        double hue = Uniform(random, -o.Hue, o.Hue);
        bool blur = random.NextDouble() < o.BlurProbability;
        double sigma = Uniform(random, o.BlurSigmaMin, o.BlurSigmaMax);

        if (brightness != 1f)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(tensor, brightness, tensor);
        }

        if (contrast != 1f)
        {
            // Blend with the mean gray level of the image (torchvision's adjust_contrast).
            float mean = channels == 3
                ? ((0.299f * Sum(tensor[..plane])) + (0.587f * Sum(tensor.Slice(plane, plane))) + (0.114f * Sum(tensor.Slice(2 * plane, plane)))) / plane
                : Sum(tensor) / plane;
            for (int i = 0; i < tensor.Length; i++)
            {
                tensor[i] = Math.Clamp(mean + ((tensor[i] - mean) * contrast), 0f, 1f);
            }
        }

        if (channels == 3 && (saturation != 1f || hue != 0))
        {
            // Saturation blends each pixel with its gray; hue rotates the chroma plane of YIQ by 2π·hue.
            float cos = (float)Math.Cos(2 * Math.PI * hue), sin = (float)Math.Sin(2 * Math.PI * hue);
            var r = tensor[..plane];
            var g = tensor.Slice(plane, plane);
            var b = tensor.Slice(2 * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                float y = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
                float ci = ((0.596f * r[i]) - (0.274f * g[i]) - (0.322f * b[i])) * saturation;
                float cq = ((0.211f * r[i]) - (0.523f * g[i]) + (0.312f * b[i])) * saturation;
                float ri = (cos * ci) - (sin * cq);
                float rq = (sin * ci) + (cos * cq);
                r[i] = Math.Clamp(y + (0.956f * ri) + (0.621f * rq), 0f, 1f);
                g[i] = Math.Clamp(y - (0.272f * ri) - (0.647f * rq), 0f, 1f);
                b[i] = Math.Clamp(y - (1.106f * ri) + (1.703f * rq), 0f, 1f);
            }
        }
        else if (brightness != 1f)
        {
            System.Numerics.Tensors.TensorPrimitives.Min(tensor, 1f, tensor);
        }

        if (blur)
        {
            for (int c = 0; c < channels; c++)
            {
                GaussianBlur(tensor.Slice(c * plane, plane), width, height, sigma);
            }
        }
    }

    /// <summary>Random erasing: with the configured probability, one rectangle of 2–15% area (aspect 0.3–3.3) is set to 0.</summary>
    internal static void ApplyErasing(Random random, AugmentationOptions o, Span<float> tensor, int channels, int width, int height)
    {
        if (!(random.NextDouble() < o.ErasingProbability))
        {
            return;
        }

        // Up to ten attempts for a rectangle that fits, as torchvision does.
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double area = Uniform(random, o.ErasingAreaMin, o.ErasingAreaMax) * width * height;
            double aspect = Math.Exp(Uniform(random, Math.Log(0.3), Math.Log(3.3)));
            int h = (int)Math.Round(Math.Sqrt(area * aspect));
            int w = (int)Math.Round(Math.Sqrt(area / aspect));
            if (w < 1 || h < 1 || w >= width || h >= height)
            {
                continue;
            }

            int top = random.Next(0, height - h + 1);
            int left = random.Next(0, width - w + 1);
            int plane = width * height;
            for (int c = 0; c < channels; c++)
            {
                for (int y = top; y < top + h; y++)
                {
                    tensor.Slice((c * plane) + (y * width) + left, w).Clear();
                }
            }

            return;
        }
    }

    /// <summary>Separable Gaussian blur of one plane in place, radius ⌈3σ⌉, edges replicated.</summary>
    internal static void GaussianBlur(Span<float> plane, int width, int height, double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        Span<float> kernel = stackalloc float[(2 * radius) + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= sum;
        }

        var line = new float[Math.Max(width, height)];
        for (int y = 0; y < height; y++)
        {
            var row = plane.Slice(y * width, width);
            row.CopyTo(line);
            for (int x = 0; x < width; x++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    acc += kernel[k + radius] * line[Math.Clamp(x + k, 0, width - 1)];
                }

                row[x] = acc;
            }
        }

        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++)
            {
                line[y] = plane[(y * width) + x];
            }

            for (int y = 0; y < height; y++)
            {
                float acc = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    acc += kernel[k + radius] * line[Math.Clamp(y + k, 0, height - 1)];
                }

                plane[(y * width) + x] = acc;
            }
        }
    }

    private static Affine Invert(Affine m)
    {
        double det = (m.A * m.E) - (m.B * m.D);
        double a = m.E / det, b = -m.B / det, d = -m.D / det, e = m.A / det;
        return new Affine(a, b, -((a * m.C) + (b * m.F)), d, e, -((d * m.C) + (e * m.F)));
    }

    private static float Sum(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.Sum(values);

    private static double Uniform(Random random, double min, double max) => max <= min ? min : min + ((max - min) * random.NextDouble());
}
