using System.Globalization;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Training;

/// <summary>How <see cref="SplitPlan.Make"/> decides which images train, validate and test.</summary>
public sealed record SplitPlanOptions
{
    /// <summary>Use the dataset's own split folders or manifest column when every image has one (default true); false re-splits.</summary>
    public bool UseGivenSplits { get; init; } = true;

    /// <summary>Relative sizes train, validation, test for a new split (default 80/10/10).</summary>
    public IReadOnlyList<double> Ratios { get; init; } = [80, 10, 10];

    /// <summary>Seed of a new split.</summary>
    public int Seed { get; init; }

    /// <summary>The audit (duplicates, near duplicates, groups); a new split keeps near-duplicate clusters together.</summary>
    public required DatasetAuditReport Audit { get; init; }

    /// <summary>
    /// Leave out of the training images those with a near-identical twin filed under another label (label noise, e.g.
    /// the same photograph in both the genuine and the counterfeit folder); validation and test images are never
    /// removed, so the evaluation stays on the whole held-out data. Default false.
    /// </summary>
    public bool DropLabelConflicts { get; init; }
}

/// <summary>Train, validation and test images with a sentence that says how they were split, for every report.</summary>
/// <param name="Train">Training images.</param>
/// <param name="Validation">Validation images (model selection, early stopping); may be empty.</param>
/// <param name="Test">Held-out test images; may be empty.</param>
/// <param name="Description">How the split was made: given or new, grouping, ratios, seed, near duplicates across it.</param>
public sealed record SplitPlan(IReadOnlyList<DatasetItem> Train, IReadOnlyList<DatasetItem> Validation, IReadOnlyList<DatasetItem> Test, string Description)
{
    /// <summary>Every image with its split set (train, valid, test), e.g. to write as a manifest.</summary>
    public IEnumerable<DatasetItem> All =>
        Train.Select(i => i with { Split = "train" })
            .Concat(Validation.Select(i => i with { Split = "valid" }))
            .Concat(Test.Select(i => i with { Split = "test" }));

    /// <summary>
    /// Uses the dataset's given splits, or makes a stratified, grouped split that keeps every group and every
    /// near-duplicate cluster in one split. Unreadable images (from the audit) are left out.
    /// </summary>
    /// <exception cref="InvalidDatasetException">Given split names are not recognised, or no training images remain.</exception>
    public static SplitPlan Make(Dataset dataset, SplitPlanOptions options)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(options);
        var unreadable = options.Audit.UnreadableIndices.ToHashSet();
        var items = dataset.Items.Where((_, i) => !unreadable.Contains(i)).ToList();
        bool given = options.UseGivenSplits && items.Count > 0 && items.All(i => i.Split is not null);
        var inv = CultureInfo.InvariantCulture;
        string grouping = options.Audit.Groups > 0
            ? string.Create(inv, $"grouped ({options.Audit.Groups} groups{(options.Audit.Ungrouped > 0 ? $", {options.Audit.Ungrouped} images ungrouped" : string.Empty)})")
            : "not grouped (no group pattern)";
        SplitPlan plan;
        if (given)
        {
            var byRole = items.GroupBy(i => Role(i.Split!)).ToDictionary(g => g.Key, g => (IReadOnlyList<DatasetItem>)[.. g]);
            plan = new SplitPlan(
                byRole.GetValueOrDefault("train", []),
                byRole.GetValueOrDefault("valid", []),
                byRole.GetValueOrDefault("test", []),
                string.Create(inv, $"the dataset's given split ({string.Join(", ", options.Audit.Splits.Keys)}), as published; {options.Audit.CrossSplitNearDuplicates} near-duplicate pairs (pHash Hamming ≤ {options.Audit.HammingThreshold}) and {options.Audit.GroupsSpanningSplits} groups cross it"));
        }
        else
        {
            var ratios = options.Ratios;
            var result = DatasetSplitter.Split(dataset, options.Audit, new SplitOptions { Ratios = ratios, Seed = options.Seed });
            var byRole = result.Items.GroupBy(i => i.Split!).ToDictionary(g => g.Key, g => (IReadOnlyList<DatasetItem>)[.. g]);
            plan = new SplitPlan(
                byRole.GetValueOrDefault("train", []),
                byRole.GetValueOrDefault("valid", []),
                byRole.GetValueOrDefault("test", []),
                string.Create(inv, $"new stratified split {string.Join('/', ratios)} (train/valid/test), {grouping}, near-duplicate clusters (pHash Hamming ≤ {options.Audit.HammingThreshold}) kept in one split, seed {options.Seed}"));
        }

        if (options.DropLabelConflicts)
        {
            var conflicting = options.Audit.NearDuplicates
                .Where(p => !p.SameClass)
                .SelectMany(p => new[] { dataset.Items[p.IndexA].Path, dataset.Items[p.IndexB].Path })
                .ToHashSet(StringComparer.Ordinal);
            var kept = plan.Train.Where(i => !conflicting.Contains(i.Path)).ToList();
            plan = plan with
            {
                Train = kept,
                Description = string.Create(inv, $"{plan.Description}; {plan.Train.Count - kept.Count} training images with a near-identical twin of another label left out"),
            };
        }

        if (plan.Train.Count == 0)
        {
            throw new InvalidDatasetException($"{dataset.Root}: no training images (splits found: {string.Join(", ", items.Select(i => i.Split ?? "none").Distinct())})");
        }

        return plan with
        {
            Description = string.Create(inv, $"{plan.Description}: train {plan.Train.Count}, valid {plan.Validation.Count}, test {plan.Test.Count} images"),
        };
    }

    /// <summary>train, valid or test for a split folder or manifest value.</summary>
    /// <exception cref="InvalidDatasetException">An unrecognised split name.</exception>
    public static string Role(string split) => split.ToLowerInvariant() switch
    {
        "train" or "training" => "train",
        "valid" or "val" or "validation" or "dev" => "valid",
        "test" or "testing" => "test",
        _ => throw new InvalidDatasetException($"split '{split}' is not train, valid (val, validation, dev) or test"),
    };
}
