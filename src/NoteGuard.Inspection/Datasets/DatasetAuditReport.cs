namespace NoteGuard.Inspection.Datasets;

/// <summary>Two images whose perceptual hashes are within the audit's Hamming threshold.</summary>
/// <param name="A">Path of the first image, relative to the dataset root.</param>
/// <param name="B">Path of the second image, relative to the dataset root.</param>
/// <param name="Distance">Hamming distance of the two 64-bit hashes (0..64).</param>
/// <param name="SameClass">Whether both images have the same label.</param>
/// <param name="SameSplit">Whether both images are in the same given split (true when the layout gives none).</param>
/// <param name="SameGroup">Whether both images have the same non-null group key.</param>
/// <param name="IndexA">Index of the first image in <see cref="Dataset.Items"/>.</param>
/// <param name="IndexB">Index of the second image in <see cref="Dataset.Items"/>.</param>
public sealed record NearDuplicatePair(string A, string B, int Distance, bool SameClass, bool SameSplit, bool SameGroup, int IndexA, int IndexB);

/// <summary>A group whose images lie in more than one split (leakage).</summary>
/// <param name="Group">The group key.</param>
/// <param name="Splits">Images of the group per split.</param>
public sealed record SpanningGroup(string Group, IReadOnlyDictionary<string, int> Splits);

/// <summary>
/// What <see cref="DatasetAudit.Run"/> found. Counts come first (they are what reports quote); the lists behind them
/// follow. Paths are relative to the dataset root.
/// </summary>
public sealed class DatasetAuditReport
{
    /// <summary>The dataset folder or manifest.</summary>
    public required string Root { get; init; }

    /// <summary>The layout that was read.</summary>
    public required string Layout { get; init; }

    /// <summary>Labelled images listed by the dataset (readable or not).</summary>
    public required int Images { get; init; }

    /// <summary>Image files found per class, unreadable ones included (they are also listed in <see cref="UnreadableFiles"/>).</summary>
    public required IReadOnlyDictionary<string, int> Classes { get; init; }

    /// <summary>Images per given split and class (empty when the layout gives no split).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Splits { get; init; }

    /// <summary>Distinct group keys (0 without a group pattern or manifest groups).</summary>
    public required int Groups { get; init; }

    /// <summary>Images without a group key (each stands alone).</summary>
    public required int Ungrouped { get; init; }

    /// <summary>Images that could not be read or decoded; they are listed in <see cref="UnreadableFiles"/> and otherwise skipped.</summary>
    public required int Unreadable { get; init; }

    /// <summary>Images that are byte-identical copies of an earlier image (Σ (group size − 1) over <see cref="ExactDuplicateGroups"/>).</summary>
    public required int ExactDuplicates { get; init; }

    /// <summary>Exact-duplicate sets whose copies lie in different given splits.</summary>
    public required int CrossSplitExactDuplicates { get; init; }

    /// <summary>Exact-duplicate sets whose copies carry different labels.</summary>
    public required int CrossClassExactDuplicates { get; init; }

    /// <summary>The Hamming threshold used for near duplicates.</summary>
    public required int HammingThreshold { get; init; }

    /// <summary>Pairs of images within the Hamming threshold (exact copies included).</summary>
    public required int NearDuplicatePairs { get; init; }

    /// <summary>Near-duplicate pairs in the same given split (all pairs when there is no split).</summary>
    public required int WithinSplitNearDuplicates { get; init; }

    /// <summary>Near-duplicate pairs whose images lie in different given splits (leakage).</summary>
    public required int CrossSplitNearDuplicates { get; init; }

    /// <summary>Near-duplicate pairs whose images carry different labels.</summary>
    public required int CrossClassNearDuplicates { get; init; }

    /// <summary>Near-duplicate pairs not explained by the grouping (different or missing group keys).</summary>
    public required int CrossGroupNearDuplicates { get; init; }

    /// <summary>Images that have at least one near duplicate.</summary>
    public required int ImagesWithNearDuplicates { get; init; }

    /// <summary>Connected clusters (size ≥ 2) of the near-duplicate graph.</summary>
    public required int NearDuplicateClusters { get; init; }

    /// <summary>Groups with images in more than one given split.</summary>
    public required int GroupsSpanningSplits { get; init; }

    /// <summary>YOLO images without a label file or valid box (not among <see cref="Images"/>).</summary>
    public required int ImagesWithoutBox { get; init; }

    /// <summary>Each unreadable image with the reason.</summary>
    public required IReadOnlyList<DatasetIssue> UnreadableFiles { get; init; }

    /// <summary>Problems found while reading the layout and label files (bad label lines, stray images, missing files).</summary>
    public required IReadOnlyList<DatasetIssue> LayoutIssues { get; init; }

    /// <summary>The exact-duplicate sets (each ≥ 2 paths).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> ExactDuplicateGroups { get; init; }

    /// <summary>Every near-duplicate pair.</summary>
    public required IReadOnlyList<NearDuplicatePair> NearDuplicates { get; init; }

    /// <summary>Every group found in more than one split.</summary>
    public required IReadOnlyList<SpanningGroup> SpanningGroups { get; init; }

    /// <summary>Indices (into <see cref="Dataset.Items"/>) of the unreadable images.</summary>
    internal IReadOnlyList<int> UnreadableIndices { get; init; } = [];

    /// <summary>The YOLO images without a box.</summary>
    public required IReadOnlyList<string> ImagesWithoutBoxList { get; init; }
}
