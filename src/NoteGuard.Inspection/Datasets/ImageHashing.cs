using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Hashing;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// The one seam between the datasets layer and the perceptual hash: the 64-bit DCT pHash of the imaging library
/// (seed 004), whose Hamming distance measures visual similarity.
/// </summary>
internal static class ImageHashing
{
    /// <summary>The 64-bit perceptual hash of <paramref name="image"/>.</summary>
    public static ulong Compute(Image image) => PerceptualHash.Compute(image).Bits;
}
