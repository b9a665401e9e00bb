using System.Globalization;
using System.Text;

namespace NoteGuard.Inspection.Tabular;

/// <summary>
/// An assignment of rows to evaluation folds. Fold f's test rows are those with <see cref="Folds"/>[r] = f;
/// its training rows are all others. Rows marked −1 are never tested (the training part of a hold-out split).
/// </summary>
public sealed class DataSplit
{
    /// <summary>Creates a split from a fold per row.</summary>
    /// <exception cref="ArgumentException">A fold is outside −1..foldCount−1, or a fold has no test row.</exception>
    public DataSplit(int[] folds, int foldCount, string description)
    {
        Guard.NotNull(folds);
        Guard.NotNull(description);
        Guard.MustBePositive(foldCount);
        var sizes = new int[foldCount];
        foreach (int f in folds)
        {
            Guard.IsTrue(f >= -1 && f < foldCount, $"fold {f} is outside -1..{foldCount - 1}", nameof(folds));
            if (f >= 0)
            {
                sizes[f]++;
            }
        }

        Guard.IsTrue(sizes.All(s => s > 0), "every fold needs at least one test row", nameof(folds));
        Folds = folds;
        FoldCount = foldCount;
        Description = description;
    }

    /// <summary>Fold of every row (−1 = training only).</summary>
    public IReadOnlyList<int> Folds { get; }

    /// <summary>Number of folds (1 for a hold-out split).</summary>
    public int FoldCount { get; }

    /// <summary>How the split was made, e.g. "stratified 10-fold CV, seed 0".</summary>
    public string Description { get; }

    /// <summary>Training and test row indices of one fold.</summary>
    public (int[] Train, int[] Test) Fold(int fold)
    {
        Guard.MustBeBetween(fold, 0, FoldCount - 1);
        var train = new List<int>(Folds.Count);
        var test = new List<int>();
        for (int r = 0; r < Folds.Count; r++)
        {
            (Folds[r] == fold ? test : train).Add(r);
        }

        return ([.. train], [.. test]);
    }

    /// <summary>Writes <c>row,fold</c> (0-based data row, fold or −1) so peers (scikit-learn) can use the same folds.</summary>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder("row,fold\n");
        for (int r = 0; r < Folds.Count; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r},{Folds[r]}\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}

/// <summary>
/// Seeded, leakage-aware splitters: stratified hold-out and k-fold keep class proportions; grouped hold-out and
/// k-fold keep every group (e.g. all views of one physical note) on one side.
/// </summary>
public static class DataSplitter
{
    /// <summary>
    /// Stratified hold-out: in each class round(n_c × testFraction) shuffled rows (at least one, and leaving at
    /// least one for training when the class has two or more) go to the test fold 0.
    /// </summary>
    /// <exception cref="ArgumentException">testFraction outside (0, 1) or no targets.</exception>
    public static DataSplit StratifiedHoldout(IReadOnlyList<int> targets, double testFraction, int seed)
    {
        Guard.NotNull(targets);
        Guard.IsTrue(testFraction > 0 && testFraction < 1, "the test fraction must be between 0 and 1", nameof(testFraction));
        Guard.IsTrue(targets.Count > 1, "at least two rows are needed", nameof(targets));
        var random = new Random(seed);
        var folds = new int[targets.Count];
        Array.Fill(folds, -1);
        foreach (var rows in ByClass(targets))
        {
            random.Shuffle(rows);
            int take = (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero);
            take = Math.Clamp(take, 1, Math.Max(1, rows.Length - 1));
            for (int i = 0; i < take; i++)
            {
                folds[rows[i]] = 0;
            }
        }

        return new DataSplit(folds, 1, string.Create(CultureInfo.InvariantCulture,
            $"stratified hold-out, {testFraction * 100:0.#}% test, seed {seed}"));
    }

    /// <summary>
    /// Stratified k-fold: each class is shuffled and dealt round-robin over the folds, starting where the
    /// previous class stopped so fold sizes differ by at most one.
    /// </summary>
    /// <exception cref="ArgumentException">k below 2 or above the row count.</exception>
    public static DataSplit StratifiedKFold(IReadOnlyList<int> targets, int k, int seed)
    {
        Guard.NotNull(targets);
        Guard.MustBeBetween(k, 2, Math.Max(2, targets.Count));
        var random = new Random(seed);
        var folds = new int[targets.Count];
        int next = 0;
        foreach (var rows in ByClass(targets))
        {
            random.Shuffle(rows);
            foreach (int r in rows)
            {
                folds[r] = next;
                next = (next + 1) % k;
            }
        }

        return new DataSplit(folds, k, string.Create(CultureInfo.InvariantCulture, $"stratified {k}-fold CV, seed {seed}"));
    }

    /// <summary>Grouped hold-out: shuffled groups go to the test fold until it holds at least testFraction of the rows.</summary>
    /// <exception cref="ArgumentException">Fewer than two groups or a bad fraction.</exception>
    public static DataSplit GroupedHoldout(IReadOnlyList<string> groups, double testFraction, int seed)
    {
        Guard.NotNull(groups);
        Guard.IsTrue(testFraction > 0 && testFraction < 1, "the test fraction must be between 0 and 1", nameof(testFraction));
        var byGroup = ByGroup(groups);
        Guard.IsTrue(byGroup.Count >= 2, "a grouped split needs at least two groups", nameof(groups));
        var random = new Random(seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(byGroup));
        var folds = new int[groups.Count];
        Array.Fill(folds, -1);
        int target = (int)Math.Ceiling(groups.Count * testFraction);
        int taken = 0;
        for (int g = 0; g < byGroup.Count - 1 && taken < target; g++)
        {
            foreach (int r in byGroup[g])
            {
                folds[r] = 0;
            }

            taken += byGroup[g].Length;
        }

        return new DataSplit(folds, 1, string.Create(CultureInfo.InvariantCulture,
            $"grouped hold-out by group column ({byGroup.Count} groups), {testFraction * 100:0.#}% test, seed {seed}"));
    }

    /// <summary>Grouped k-fold: groups, shuffled then sorted by size (largest first), each go to the currently smallest fold.</summary>
    /// <exception cref="ArgumentException">Fewer groups than folds.</exception>
    public static DataSplit GroupedKFold(IReadOnlyList<string> groups, int k, int seed)
    {
        Guard.NotNull(groups);
        Guard.MustBeBetween(k, 2, int.MaxValue);
        var byGroup = ByGroup(groups);
        Guard.IsTrue(byGroup.Count >= k, $"grouped {k}-fold needs at least {k} groups, found {byGroup.Count}", nameof(groups));
        var random = new Random(seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(byGroup));
        var ordered = byGroup.Select((rows, i) => (rows, i)).OrderByDescending(p => p.rows.Length).ThenBy(p => p.i).Select(p => p.rows);
        var sizes = new int[k];
        var folds = new int[groups.Count];
        foreach (int[] rows in ordered)
        {
            int smallest = Array.IndexOf(sizes, sizes.Min());
            foreach (int r in rows)
            {
                folds[r] = smallest;
            }

            sizes[smallest] += rows.Length;
        }

        return new DataSplit(folds, k, string.Create(CultureInfo.InvariantCulture,
            $"grouped {k}-fold CV by group column ({byGroup.Count} groups), seed {seed}"));
    }

    private static List<int[]> ByClass(IReadOnlyList<int> targets) =>
        [.. Enumerable.Range(0, targets.Count).GroupBy(r => targets[r]).OrderBy(g => g.Key).Select(g => g.ToArray())];

    private static List<int[]> ByGroup(IReadOnlyList<string> groups) =>
        [.. Enumerable.Range(0, groups.Count).GroupBy(r => groups[r], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray())];
}
