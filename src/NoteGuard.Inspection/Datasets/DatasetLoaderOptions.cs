using NoteGuard.Imaging;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Datasets;

/// <summary>How <see cref="DatasetLoader"/> delivers batches.</summary>
public sealed record DatasetLoaderOptions
{
    /// <summary>Images per batch (1..65536). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether each epoch visits the items in a seeded random order. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffle and of augmentation. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Augmentation applied to every image, or null (default) for plain preprocessing.</summary>
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>Batches prepared concurrently, each on its own worker. Default <see cref="Environment.ProcessorCount"/> (at least 2).</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Bytes of decoded, prepared images kept between epochs (0 = no cache). Images are cached after the preset's
    /// steps and after reduction to at most about 2× the input size, so a 64×64 preset caches roughly 12–50 KB an image.
    /// Default 0.
    /// </summary>
    public long CacheBytes { get; init; }

    /// <summary>Whether a YOLO item is cropped to its box (enlarged by <see cref="BoxMargin"/>) instead of using the whole image. Default false.</summary>
    public bool CropToBox { get; init; }

    /// <summary>Margin added on each side of a box, as a fraction of the box size. Default 0.1.</summary>
    public double BoxMargin { get; init; } = 0.1;

    /// <summary>Whether a last batch smaller than <see cref="BatchSize"/> is dropped. Default false.</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// Whether whole images are decoded through <see cref="Preprocessor.Load"/>: a JPEG that the preset's working size
    /// shrinks by 2× or more is decoded at a reduced DCT scale and area-averaged to the working size. On the 384 px
    /// taka photos with the <c>enhanced</c> preset this saves about 0.3 ms of ~4.5 ms per image (entropy decoding,
    /// which every scale pays, dominates) and moves the final tensors by 7.7/255 on average, because the preset's
    /// sharpen and CLAHE amplify the small difference between the two low-pass filters (docs/datasets.md). Hence off by
    /// default; inference must then load images the same way. Cropped items (<see cref="CropToBox"/> with a box) are
    /// always decoded at full size. Default false.
    /// </summary>
    public bool ReducedDecoding { get; init; }

    /// <summary>Decoder limits. Default <see cref="DecoderOptions.Default"/>.</summary>
    public DecoderOptions Decoder { get; init; } = DecoderOptions.Default;

    /// <summary>Test seam: reads and decodes a file. Null uses <see cref="ImageCodec.Load(string, DecoderOptions?)"/>.</summary>
    internal Func<string, DecoderOptions, Image>? LoadImage { get; init; }
}
