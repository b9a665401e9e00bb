namespace NoteGuard.Imaging.Processing.Components;

/// <summary>Connected-component labelling of binary masks (seed 002: objects per channel with connectivity 4).</summary>
public static class ComponentExtensions
{
    /// <summary>
    /// Labels the nonzero pixels of a <see cref="PixelFormat.Gray8"/> mask. Labels, areas, bounding boxes and
    /// centroids equal OpenCV's <c>connectedComponentsWithStats(mask, connectivity)</c>, including its label
    /// numbering (see <see cref="ComponentLabeling"/>). Throws <see cref="ArgumentException"/> for a non-gray image
    /// (extract a channel first, e.g. with <c>ExtractChannel</c>).
    /// </summary>
    public static ComponentLabeling LabelComponents(this Image mask, Connectivity connectivity = Connectivity.Eight)
    {
        Guard.NotNull(mask);
        Guard.IsTrue(mask.Format == PixelFormat.Gray8, $"A Gray8 mask is required, got {mask.Format}.", nameof(mask));
        Guard.IsTrue(connectivity is Connectivity.Four or Connectivity.Eight, "Connectivity must be 4 or 8.", nameof(connectivity));
        return ComponentLabeler.Label(mask.Pixels, mask.Width, mask.Height, connectivity);
    }
}
