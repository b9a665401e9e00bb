namespace NoteGuard.Inspection.Datasets;

/// <summary>A dataset as read from disk: its items, classes and everything that could not be used.</summary>
public sealed class Dataset
{
    private readonly Dictionary<string, int> _classIndex;

    internal Dataset(
        string root,
        DatasetLayout layout,
        IReadOnlyList<string> classes,
        IReadOnlyList<DatasetItem> items,
        IReadOnlyList<DatasetIssue> issues,
        IReadOnlyList<string> imagesWithoutBox)
    {
        Root = root;
        Layout = layout;
        Classes = classes;
        Items = items;
        Issues = issues;
        ImagesWithoutBox = imagesWithoutBox;
        _classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++)
        {
            _classIndex.TryAdd(classes[i], i);
        }
    }

    /// <summary>The folder (or manifest file) the dataset was read from.</summary>
    public string Root { get; }

    /// <summary>The layout that was read.</summary>
    public DatasetLayout Layout { get; }

    /// <summary>Class names; the index of a name is its class index (YOLO order, else sorted ordinally).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The labelled images, in a stable order (sorted by path within each class or split).</summary>
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>Files skipped or partly used (bad label lines, unknown class indices, images outside class folders, ...).</summary>
    public IReadOnlyList<DatasetIssue> Issues { get; }

    /// <summary>YOLO images that have no label file or no valid box; they are not in <see cref="Items"/>.</summary>
    public IReadOnlyList<string> ImagesWithoutBox { get; }

    /// <summary>Distinct splits the layout gives, in first-seen order (empty when it gives none).</summary>
    public IReadOnlyList<string> Splits => [.. Items.Select(i => i.Split).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The class index of <paramref name="label"/>; throws <see cref="KeyNotFoundException"/> for an unknown class.</summary>
    public int ClassIndex(string label) =>
        _classIndex.TryGetValue(label, out int index) ? index : throw new KeyNotFoundException($"Unknown class '{label}'.");
}
