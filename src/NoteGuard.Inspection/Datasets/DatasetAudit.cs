using System.Security.Cryptography;
using NoteGuard.Imaging;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// Audits a dataset for what inflates published accuracies: counts per class and split, unreadable files, exact
/// duplicates (SHA-256 of the file bytes), near duplicates (64-bit perceptual hash within a Hamming threshold,
/// found with a multi-index hash so 10k images are fast), and groups or near duplicates that cross splits.
/// Every image is decoded once, in parallel; an unreadable image is counted and listed, never fatal.
/// </summary>
public static class DatasetAudit
{
    /// <summary>
    /// Audits <paramref name="dataset"/>. Throws <see cref="ArgumentOutOfRangeException"/> for a Hamming threshold
    /// outside 0..19 or a parallelism below 1; file problems never throw (they are reported).
    /// </summary>
    public static DatasetAuditReport Run(Dataset dataset, DatasetAuditOptions? options = null)
    {
        Guard.NotNull(dataset);
        options ??= new DatasetAuditOptions();
        Guard.MustBeBetween(options.HammingThreshold, 0, HammingIndex.MaxDistance, nameof(options.HammingThreshold));
        Guard.MustBePositive(options.MaxDegreeOfParallelism, nameof(options.MaxDegreeOfParallelism));

        var items = dataset.Items;
        var prints = Fingerprint(items, options);
        string Rel(int i) => Relative(dataset.Root, items[i].Path);

        // Exact duplicates: identical SHA-256 of the file bytes (readable or not).
        var exactGroups = Enumerable.Range(0, items.Count)
            .Where(i => prints[i].Sha256 is not null)
            .GroupBy(i => prints[i].Sha256!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.ToList())
            .ToList();

        // Near duplicates.
        var hashes = prints.Select(p => p.Hash).ToList();
        var pairs = HammingIndex.Pairs(hashes, options.HammingThreshold);
        var nearPairs = new List<NearDuplicatePair>(pairs.Count);
        var clusters = new UnionFind(items.Count);
        foreach (var (a, b, d) in pairs)
        {
            var ia = items[a];
            var ib = items[b];
            nearPairs.Add(new NearDuplicatePair(
                Rel(a),
                Rel(b),
                d,
                SameClass: string.Equals(ia.Label, ib.Label, StringComparison.Ordinal),
                SameSplit: string.Equals(ia.Split, ib.Split, StringComparison.Ordinal),
                SameGroup: ia.Group is not null && string.Equals(ia.Group, ib.Group, StringComparison.Ordinal),
                a,
                b));
            clusters.Union(a, b);
        }

        var clusterSizes = Enumerable.Range(0, items.Count).GroupBy(clusters.Find).Select(g => g.Count()).ToList();

        // Groups that span the given splits.
        var spanning = items.Where(i => i.Group is not null && i.Split is not null)
            .GroupBy(i => i.Group!, StringComparer.Ordinal)
            .Select(g => new SpanningGroup(
                g.Key,
                new SortedDictionary<string, int>(g.GroupBy(i => i.Split!, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Count(), StringComparer.Ordinal), StringComparer.Ordinal)))
            .Where(g => g.Splits.Count > 1)
            .OrderBy(g => g.Group, StringComparer.Ordinal)
            .ToList();

        var unreadable = Enumerable.Range(0, items.Count)
            .Where(i => prints[i].Error is not null)
            .Select(i => new DatasetIssue(Rel(i), prints[i].Error!))
            .ToList();

        return new DatasetAuditReport
        {
            Root = dataset.Root,
            Layout = dataset.Layout.ToString(),
            Images = items.Count,
            Classes = CountBy(items, i => i.Label),
            Splits = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(
                items.Where(i => i.Split is not null)
                    .GroupBy(i => i.Split!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)CountBy([.. g], i => i.Label), StringComparer.Ordinal),
                StringComparer.Ordinal),
            Groups = items.Select(i => i.Group).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            Ungrouped = items.Count(i => i.Group is null),
            Unreadable = unreadable.Count,
            ExactDuplicates = exactGroups.Sum(g => g.Count - 1),
            CrossSplitExactDuplicates = exactGroups.Count(g => g.Select(i => items[i].Split).Distinct(StringComparer.Ordinal).Count() > 1),
            CrossClassExactDuplicates = exactGroups.Count(g => g.Select(i => items[i].Label).Distinct(StringComparer.Ordinal).Count() > 1),
            HammingThreshold = options.HammingThreshold,
            NearDuplicatePairs = nearPairs.Count,
            WithinSplitNearDuplicates = nearPairs.Count(p => p.SameSplit),
            CrossSplitNearDuplicates = nearPairs.Count(p => !p.SameSplit),
            CrossClassNearDuplicates = nearPairs.Count(p => !p.SameClass),
            CrossGroupNearDuplicates = nearPairs.Count(p => !p.SameGroup),
            ImagesWithNearDuplicates = clusterSizes.Where(s => s > 1).Sum(),
            NearDuplicateClusters = clusterSizes.Count(s => s > 1),
            GroupsSpanningSplits = spanning.Count,
            ImagesWithoutBox = dataset.ImagesWithoutBox.Count,
            UnreadableFiles = unreadable,
            LayoutIssues = [.. dataset.Issues.Select(i => i with { Path = Relative(dataset.Root, i.Path) })],
            ExactDuplicateGroups = [.. exactGroups.Select(g => (IReadOnlyList<string>)[.. g.Select(Rel)])],
            NearDuplicates = nearPairs,
            SpanningGroups = spanning,
            UnreadableIndices = [.. Enumerable.Range(0, items.Count).Where(i => prints[i].Error is not null)],
            ImagesWithoutBoxList = [.. dataset.ImagesWithoutBox.Select(p => Relative(dataset.Root, p))],
        };
    }

    /// <summary>
    /// Index pairs (into <see cref="Dataset.Items"/>) that a split must keep together: every near-duplicate pair of
    /// the report (exact copies of decodable images are among them, at distance 0).
    /// </summary>
    public static IEnumerable<(int A, int B)> KeepTogether(DatasetAuditReport report)
    {
        Guard.NotNull(report);
        return report.NearDuplicates.Select(p => (p.IndexA, p.IndexB));
    }

    /// <summary>SHA-256 (hex) and perceptual hash per item; a failure leaves the hash null and says why.</summary>
    internal static Fingerprint[] Fingerprint(IReadOnlyList<DatasetItem> items, DatasetAuditOptions options)
    {
        var prints = new Fingerprint[items.Count];
        var hashContent = options.HashFileContent ?? (bytes =>
        {
            using var image = ImageCodec.Decode(bytes, options.Decoder);
            return ImageHashing.Compute(image);
        });
        int done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
        {
            prints[i] = FingerprintOne(items[i].Path, hashContent);
            int now = Interlocked.Increment(ref done);
            if (options.Progress is not null && (now % 100 == 0 || now == items.Count))
            {
                options.Progress.Report(now);
            }
        });
        return prints;
    }

    private static Fingerprint FingerprintOne(string path, Func<byte[], ulong> hashContent)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > ImageCodec.MaxFileBytes)
            {
                return new Fingerprint(null, null, $"file of {info.Length} bytes exceeds the {ImageCodec.MaxFileBytes}-byte limit");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Fingerprint(null, null, "cannot read: " + ex.Message);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            return new Fingerprint(sha, hashContent(bytes), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A decoder bug on one corrupt file must not end a long run, nor be hidden: it is reported by type.
            string reason = ex is InvalidImageException ? ex.Message : $"decoder failure ({ex.GetType().Name}): {ex.Message}";
            return new Fingerprint(sha, null, reason.ReplaceLineEndings(" "));
        }
    }

    private static SortedDictionary<string, int> CountBy(IReadOnlyList<DatasetItem> items, Func<DatasetItem, string> key)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            string k = key(item);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        return counts;
    }

    internal static string Relative(string root, string path)
    {
        string folder = File.Exists(root) ? Path.GetDirectoryName(root) ?? root : root;
        string relative = Path.GetRelativePath(folder, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}

/// <summary>What the audit learned about one file.</summary>
internal readonly record struct Fingerprint(string? Sha256, ulong? Hash, string? Error);
