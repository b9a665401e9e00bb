using System.Text.RegularExpressions;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// Reads datasets in every layout of SPEC.md: class folders, split folders, YOLO (both arrangements, with
/// <c>classes.txt</c> or <c>data.yaml</c>) and CSV manifests. Only file names and label files are read here;
/// images are decoded later, lazily, so a corrupt image is found (and reported) by the audit or the loader.
/// </summary>
public static partial class DatasetReader
{
    /// <summary>File extensions treated as images (lower case, with the dot). Unsupported ones are reported when decoded.</summary>
    public static IReadOnlySet<string> ImageExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".png", ".ppm", ".pgm", ".pnm", ".pbm", ".bmp", ".gif", ".tif", ".tiff", ".webp",
    };

    /// <summary>Folder names recognised as splits in split-folder layouts.</summary>
    public static IReadOnlySet<string> SplitNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "train", "training", "val", "valid", "validation", "test", "testing", "dev",
    };

    /// <summary>
    /// Reads the dataset at <paramref name="path"/> (a folder, or a <c>.csv</c> manifest).
    /// Throws <see cref="DirectoryNotFoundException"/>/<see cref="FileNotFoundException"/> when it does not exist,
    /// <see cref="InvalidDatasetException"/> when its layout or label files cannot be understood, and
    /// <see cref="ArgumentException"/> for an invalid <see cref="DatasetReadOptions.GroupPattern"/>.
    /// </summary>
    public static Dataset Read(string path, DatasetReadOptions? options = null)
    {
        Guard.NotNull(path);
        options ??= DatasetReadOptions.Default;
        var groupPattern = options.CompileGroupPattern();
        string full = System.IO.Path.GetFullPath(path);
        var layout = options.Layout == DatasetLayout.Auto ? DetectLayout(full) : options.Layout;
        var builder = new Builder(full, layout);
        switch (layout)
        {
            case DatasetLayout.ClassFolders:
                RequireDirectory(full);
                ReadClassFolders(full, split: null, builder);
                break;
            case DatasetLayout.SplitFolders:
                RequireDirectory(full);
                foreach (string splitDir in SortedDirectories(full))
                {
                    ReadClassFolders(splitDir, System.IO.Path.GetFileName(splitDir), builder);
                }

                ReportStrayImages(full, "image outside any split folder", builder);
                break;
            case DatasetLayout.YoloSplitFirst:
            case DatasetLayout.YoloImagesFirst:
                RequireDirectory(full);
                ReadYolo(full, layout, builder);
                break;
            case DatasetLayout.CsvManifest:
                ManifestCsv.Read(full, builder);
                break;
            default:
                throw new ArgumentException($"Unknown layout {layout}.", nameof(options));
        }

        return builder.Build(groupPattern, options.GroupByClass);
    }

    /// <summary>
    /// Detects the layout of <paramref name="path"/>: a <c>.csv</c> file is a manifest; a folder with <c>images</c>
    /// and <c>labels</c> folders (at the top or under each split) is YOLO; a folder whose sub-folders are split names
    /// holding class folders is split folders; otherwise class folders.
    /// Throws <see cref="InvalidDatasetException"/> when the folder holds no sub-folders at all.
    /// </summary>
    public static DatasetLayout DetectLayout(string path)
    {
        Guard.NotNull(path);
        if (File.Exists(path))
        {
            if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                return DatasetLayout.CsvManifest;
            }

            throw DatasetErrors.Invalid($"{path}: a dataset is a folder or a .csv manifest.");
        }

        RequireDirectory(path);
        if (Directory.Exists(System.IO.Path.Combine(path, "images")) && Directory.Exists(System.IO.Path.Combine(path, "labels")))
        {
            return DatasetLayout.YoloImagesFirst;
        }

        var subdirs = SortedDirectories(path);
        if (subdirs.Any(d => Directory.Exists(System.IO.Path.Combine(d, "images")) && Directory.Exists(System.IO.Path.Combine(d, "labels"))))
        {
            return DatasetLayout.YoloSplitFirst;
        }

        if (subdirs.Count == 0)
        {
            throw DatasetErrors.Invalid($"{path}: no class or split folders found (expected root/<class>/*, root/<split>/<class>/*, YOLO images+labels, or a .csv manifest).");
        }

        bool allSplits = subdirs.All(d => SplitNames.Contains(System.IO.Path.GetFileName(d)));
        bool splitsHoldFolders = subdirs.Any(d => SortedDirectories(d).Count > 0);
        return allSplits && splitsHoldFolders ? DatasetLayout.SplitFolders : DatasetLayout.ClassFolders;
    }

    internal static bool IsImageFile(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        return !name.StartsWith('.') && ImageExtensions.Contains(System.IO.Path.GetExtension(path));
    }

    internal static List<string> SortedDirectories(string path) =>
        [.. Directory.EnumerateDirectories(path)
            .Where(d => !System.IO.Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)];

    private static List<string> SortedImages(string path, SearchOption search) =>
        [.. Directory.EnumerateFiles(path, "*", search).Where(IsImageFile).Order(StringComparer.Ordinal)];

    private static void RequireDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"No such dataset folder: {path}");
        }
    }

    private static void ReadClassFolders(string root, string? split, Builder builder)
    {
        foreach (string classDir in SortedDirectories(root))
        {
            string label = System.IO.Path.GetFileName(classDir);
            builder.AddClass(label);
            foreach (string file in SortedImages(classDir, SearchOption.AllDirectories))
            {
                builder.Add(new DatasetItem(file, label, Split: split));
            }
        }

        ReportStrayImages(root, "image outside any class folder", builder);
    }

    private static void ReportStrayImages(string folder, string reason, Builder builder)
    {
        foreach (string file in SortedImages(folder, SearchOption.TopDirectoryOnly))
        {
            builder.Issue(file, reason + ", skipped");
        }
    }

    /// <summary>Collects items, classes and issues, then applies group keys.</summary>
    internal sealed class Builder(string root, DatasetLayout layout)
    {
        private readonly List<DatasetItem> _items = [];
        private readonly List<string> _classes = [];
        private readonly HashSet<string> _classSet = new(StringComparer.Ordinal);
        private readonly List<DatasetIssue> _issues = [];
        private readonly List<string> _withoutBox = [];
        private bool _classesFixed;

        public string Root => root;

        /// <summary>Fixes the class list and its order (YOLO names); later unknown labels are added after them.</summary>
        public void SetClasses(IEnumerable<string> names)
        {
            foreach (string name in names)
            {
                AddClass(name);
            }

            _classesFixed = true;
        }

        public void AddClass(string name)
        {
            if (_classSet.Add(name))
            {
                _classes.Add(name);
            }
        }

        public void Add(DatasetItem item)
        {
            AddClass(item.Label);
            _items.Add(item);
        }

        public void Issue(string path, string reason) => _issues.Add(new DatasetIssue(path, reason));

        public void WithoutBox(string path) => _withoutBox.Add(path);

        public Dataset Build(Regex? groupPattern, bool groupByClass)
        {
            var items = _items;
            if (groupPattern is not null || groupByClass)
            {
                items = [.. items.Select(item =>
                {
                    string? key = groupPattern is null ? item.Group : GroupKey.FromFileName(item.FileName, groupPattern) ?? item.Group;
                    if (key is not null && groupByClass)
                    {
                        key = item.Label + "/" + key;
                    }

                    return item with { Group = key };
                })];
            }

            // Without a names file, classes are sorted so the class index does not depend on the file system's order.
            List<string> classes = _classesFixed ? _classes : [.. _classes.Order(StringComparer.Ordinal)];
            return new Dataset(root, layout, classes, items, _issues, _withoutBox);
        }
    }
}
