namespace NoteGuard.Inspection.Datasets;

/// <summary>How <see cref="DatasetSplitter"/> divides a dataset.</summary>
public sealed record SplitOptions
{
    /// <summary>Relative sizes of the splits, e.g. 80, 10, 10 (normalised by their sum; each ≥ 0, sum &gt; 0). Default 80/10/10.</summary>
    public IReadOnlyList<double> Ratios { get; init; } = [80, 10, 10];

    /// <summary>
    /// Names of the splits, one per ratio. Null (default) means <c>train,test</c> for two ratios and
    /// <c>train,valid,test</c> for three; other counts must name them.
    /// </summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Seed of the shuffle; the same items, options and seed always give the same split.</summary>
    public int Seed { get; init; }

    internal string[] ResolveNames()
    {
        Guard.NotNull(Ratios);
        Guard.IsTrue(Ratios.Count >= 1, "Give at least one split ratio.", nameof(Ratios));
        foreach (double r in Ratios)
        {
            Guard.MustBeNonNegative(r, nameof(Ratios));
        }

        Guard.IsTrue(Ratios.Sum() > 0, "The split ratios must not all be zero.", nameof(Ratios));
        if (Names is not null)
        {
            Guard.IsTrue(Names.Count == Ratios.Count, $"{Names.Count} split names for {Ratios.Count} ratios.", nameof(Names));
            Guard.IsTrue(Names.Distinct(StringComparer.Ordinal).Count() == Names.Count, "Split names must be distinct.", nameof(Names));
            return [.. Names];
        }

        return Ratios.Count switch
        {
            1 => ["train"],
            2 => ["train", "test"],
            3 => ["train", "valid", "test"],
            _ => throw new ArgumentException($"Name the {Ratios.Count} splits (SplitOptions.Names).", nameof(Names)),
        };
    }
}

/// <summary>The outcome of a split.</summary>
/// <param name="Items">The input items in their input order, each with <see cref="DatasetItem.Split"/> set.</param>
/// <param name="SplitNames">The split names in ratio order.</param>
/// <param name="Units">Number of indivisible units placed (groups joined with their near-duplicate clusters).</param>
/// <param name="Counts">Images per split and class.</param>
public sealed record SplitResult(
    IReadOnlyList<DatasetItem> Items,
    IReadOnlyList<string> SplitNames,
    int Units,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts);

/// <summary>
/// Stratified, grouped, seeded splits. Items sharing a <see cref="DatasetItem.Group"/>, and items joined by a
/// near-duplicate pair, form one unit (union-find) that goes whole into one split, so no physical note or video
/// sequence, and no near-identical image, is on both sides. Units are placed largest first (ties in seeded random
/// order), each into the split whose per-class quota it helps most, which keeps every class close to the ratios.
/// </summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits the decodable images of <paramref name="dataset"/>, keeping every near-duplicate pair of
    /// <paramref name="audit"/> (an audit of the same dataset) in one split. Unreadable images are left out.
    /// Throws <see cref="ArgumentException"/> for invalid options or an audit of another dataset.
    /// </summary>
    public static SplitResult Split(Dataset dataset, DatasetAuditReport audit, SplitOptions? options = null)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(audit);
        Guard.IsTrue(audit.Images == dataset.Items.Count, "The audit is of another dataset.", nameof(audit));
        var keptIndex = new int[dataset.Items.Count];
        var bad = new HashSet<int>(audit.UnreadableIndices);
        var kept = new List<DatasetItem>(dataset.Items.Count - bad.Count);
        for (int i = 0; i < keptIndex.Length; i++)
        {
            keptIndex[i] = bad.Contains(i) ? -1 : kept.Count;
            if (keptIndex[i] >= 0)
            {
                kept.Add(dataset.Items[i]);
            }
        }

        var pairs = audit.NearDuplicates
            .Where(p => keptIndex[p.IndexA] >= 0 && keptIndex[p.IndexB] >= 0)
            .Select(p => (keptIndex[p.IndexA], keptIndex[p.IndexB]));
        return Split(kept, options, pairs);
    }

    /// <summary>
    /// Splits <paramref name="items"/>. <paramref name="keepTogether"/> lists index pairs (into <paramref name="items"/>)
    /// that must share a split, typically the audit's near-duplicate pairs.
    /// Throws <see cref="ArgumentException"/> for invalid ratios or names, or a pair index out of range.
    /// </summary>
    public static SplitResult Split(IReadOnlyList<DatasetItem> items, SplitOptions? options = null, IEnumerable<(int A, int B)>? keepTogether = null)
    {
        Guard.NotNull(items);
        options ??= new SplitOptions();
        string[] names = options.ResolveNames();
        double ratioSum = options.Ratios.Sum();
        double[] ratios = [.. options.Ratios.Select(r => r / ratioSum)];

        var sets = new UnionFind(items.Count);
        var firstOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Group is string group && !firstOfGroup.TryAdd(group, i))
            {
                sets.Union(firstOfGroup[group], i);
            }
        }

        foreach (var (a, b) in keepTogether ?? [])
        {
            Guard.IsTrue((uint)a < (uint)items.Count && (uint)b < (uint)items.Count, $"Pair ({a}, {b}) is outside 0..{items.Count - 1}.", nameof(keepTogether));
            sets.Union(a, b);
        }

        int[] unitOf = sets.ComponentIds(out int unitCount);
        var classes = items.Select(i => i.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var classIndex = classes.Select((c, k) => (c, k)).ToDictionary(t => t.c, t => t.k, StringComparer.Ordinal);
        var unitClassCounts = new int[unitCount][];
        var unitSize = new int[unitCount];
        for (int u = 0; u < unitCount; u++)
        {
            unitClassCounts[u] = new int[classes.Count];
        }

        var classTotals = new int[classes.Count];
        for (int i = 0; i < items.Count; i++)
        {
            int c = classIndex[items[i].Label];
            unitClassCounts[unitOf[i]][c]++;
            unitSize[unitOf[i]]++;
            classTotals[c]++;
        }

        // Seeded shuffle, then a stable sort by size: big units first so small ones can fill the quotas precisely.
        var order = Enumerable.Range(0, unitCount).ToArray();
        new Random(options.Seed).Shuffle(order);
        order = [.. order.OrderByDescending(u => unitSize[u])];

        var current = new double[names.Length, classes.Count];
        var unitSplit = new int[unitCount];
        foreach (int u in order)
        {
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int s = 0; s < names.Length; s++)
            {
                if (ratios[s] <= 0)
                {
                    continue;
                }

                // How much of each class's remaining quota in split s this unit would fill, as a fraction of the class.
                double score = 0;
                for (int c = 0; c < classes.Count; c++)
                {
                    int n = unitClassCounts[u][c];
                    if (n > 0)
                    {
                        score += n * (ratios[s] * classTotals[c] - current[s, c]) / classTotals[c];
                    }
                }

                if (score > bestScore)
                {
                    bestScore = score;
                    best = s;
                }
            }

            unitSplit[u] = best;
            for (int c = 0; c < classes.Count; c++)
            {
                current[best, c] += unitClassCounts[u][c];
            }
        }

        var result = new DatasetItem[items.Count];
        var counts = names.ToDictionary(n => n, _ => new SortedDictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            string split = names[unitSplit[unitOf[i]]];
            result[i] = items[i] with { Split = split };
            var perClass = counts[split];
            perClass[items[i].Label] = perClass.GetValueOrDefault(items[i].Label) + 1;
        }

        return new SplitResult(
            result,
            names,
            unitCount,
            counts.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value, StringComparer.Ordinal));
    }
}
