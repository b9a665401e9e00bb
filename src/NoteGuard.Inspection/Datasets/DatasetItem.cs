namespace NoteGuard.Inspection.Datasets;

/// <summary>One labelled image of a dataset. The pixels are not loaded: decoding is lazy (audit, loader).</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Class name.</param>
/// <param name="Group">
/// Key of the group the image belongs to (e.g. one physical note or one video sequence), or null when the image
/// stands alone. Images of one group are never put in two splits.
/// </param>
/// <param name="Split">The split the dataset's layout gives (e.g. <c>train</c>, <c>valid</c>, <c>test</c>), or null.</param>
/// <param name="Box">The labelled box (YOLO layouts), or null for a whole-image label.</param>
public sealed record DatasetItem(string Path, string Label, string? Group = null, string? Split = null, BoundingBox? Box = null)
{
    /// <summary>The file name without folders.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
