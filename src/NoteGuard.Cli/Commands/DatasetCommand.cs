using System.CommandLine;
using System.Globalization;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard dataset audit|split</c>: duplicate and leakage audit, grouped stratified splits.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var dataset = new Command("dataset",
            "Audit datasets for duplicates and leakage, and split them honestly. Layouts: class folders (root/<class>/*), " +
            "split folders (root/<split>/<class>/*), YOLO (<split>/images + <split>/labels, or images/<split> + labels/<split>, " +
            "with classes.txt or data.yaml), CSV manifests (path,label[,group][,split]).");
        dataset.Subcommands.Add(CreateAudit());
        dataset.Subcommands.Add(CreateSplit());
        return dataset;
    }

    private static Option<string?> GroupOption() => new("--group")
    {
        Description = "Regex on each file name giving its group (first capture group, or the whole match), e.g. 'note_\\d+' or '^(\\d+)_'. Images of one group never go to two splits.",
    };

    private static Option<bool> GroupByClassOption() => new("--group-by-class")
    {
        Description = "Prefix the class to the group key, so equal keys in different classes are different groups.",
    };

    private static Option<int> HammingOption() => new("--hamming")
    {
        Description = "Near duplicates: 64-bit pHash Hamming distance at most this (0..19).",
        DefaultValueFactory = _ => 5,
    };

    private static Command CreateAudit()
    {
        var path = new Argument<string>("PATH") { Description = "Dataset folder or CSV manifest." };
        var group = GroupOption();
        var byClass = GroupByClassOption();
        var hamming = HammingOption();
        var json = CommonOptions.Json();
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("audit",
            "Count images per class and split; list unreadable files, exact duplicates (SHA-256), near duplicates (pHash) " +
            "within and across splits and classes, and groups that span splits.\n" +
            "Example: noteguard dataset audit data/taka --group 'note_\\d+' --group-by-class --json")
        {
            path, group, byClass, hamming, json, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var data = Read(parse.GetValue(path)!, parse.GetValue(group), parse.GetValue(byClass));
            var report = Audit(data, parse.GetValue(hamming), parse.GetValue(maxPixels));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                PrintAudit(report);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateSplit()
    {
        var path = new Argument<string>("PATH") { Description = "Dataset folder or CSV manifest." };
        var output = new Option<string>("--out") { Description = "Manifest to write (path,label,group,split).", Required = true };
        var ratios = new Option<string>("--ratios")
        {
            Description = "Split sizes, e.g. 80,10,10 (train,valid,test) or 70,30 (train,test).",
            DefaultValueFactory = _ => "80,10,10",
        };
        var group = GroupOption();
        var byClass = GroupByClassOption();
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle; the same seed gives the same split.", DefaultValueFactory = _ => 0 };
        var hamming = HammingOption();
        var json = CommonOptions.Json();
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command("split",
            "Write a stratified, grouped, seeded split as a CSV manifest. No group and no near-duplicate cluster is put in " +
            "two splits; unreadable images are left out (and listed on stderr).\n" +
            "Example: noteguard dataset split data/taka --out taka-split.csv --group 'note_\\d+' --group-by-class --seed 1")
        {
            path, output, ratios, group, byClass, seed, hamming, json, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            double[] parsedRatios = ParseRatios(parse.GetValue(ratios)!);
            var data = Read(parse.GetValue(path)!, parse.GetValue(group), parse.GetValue(byClass));
            var report = Audit(data, parse.GetValue(hamming), parse.GetValue(maxPixels));
            foreach (var issue in report.UnreadableFiles)
            {
                Console.Error.WriteLine($"noteguard: skipped unreadable {issue.Path}: {issue.Reason}");
            }

            var result = DatasetSplitter.Split(data, report, new SplitOptions { Ratios = parsedRatios, Seed = parse.GetValue(seed) });
            string outPath = parse.GetValue(output)!;
            ManifestCsv.Write(outPath, result.Items);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    manifest = outPath,
                    images = result.Items.Count,
                    skipped_unreadable = report.Unreadable,
                    units = result.Units,
                    near_duplicate_pairs = report.NearDuplicatePairs,
                    seed = parse.GetValue(seed),
                    ratios = parsedRatios,
                    splits = result.Counts,
                });
            }
            else
            {
                Console.WriteLine($"Wrote {outPath}: {result.Items.Count} images in {result.Units} indivisible units (groups + near-duplicate clusters); {report.Unreadable} unreadable skipped.");
                foreach (string split in result.SplitNames)
                {
                    var counts = result.Counts[split];
                    Console.WriteLine($"  {split,-6} {counts.Values.Sum(),6}  " + string.Join(", ", counts.Select(kv => $"{kv.Key}: {kv.Value}")));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static Dataset Read(string path, string? group, bool byClass)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new DirectoryNotFoundException($"No such dataset: {path}");
        }

        return DatasetReader.Read(path, new DatasetReadOptions { GroupPattern = group, GroupByClass = byClass });
    }

    internal static DatasetAuditReport Audit(Dataset data, int hamming, long maxPixels)
    {
        if (hamming is < 0 or > 19)
        {
            throw new ArgumentException($"--hamming {hamming} is outside 0..19.");
        }

        int total = data.Items.Count;
        int lastPercent = -1;
        var progress = new Progress<int>(done =>
        {
            int percent = total == 0 ? 100 : done * 100 / total;
            if (total >= 200 && percent / 10 != lastPercent / 10)
            {
                lastPercent = percent;
                Console.Error.WriteLine($"audit: {done}/{total} images hashed");
            }
        });
        return DatasetAudit.Run(data, new DatasetAuditOptions
        {
            HammingThreshold = hamming,
            Decoder = Imaging.DecoderOptions.Default with { MaxPixels = maxPixels },
            Progress = progress,
        });
    }

    internal static double[] ParseRatios(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
            {
                throw new ArgumentException($"--ratios '{text}': '{parts[i]}' is not a non-negative number.");
            }
        }

        if (values.Length is < 2 or > 3 || values.Sum() <= 0)
        {
            throw new ArgumentException($"--ratios '{text}': give 2 (train,test) or 3 (train,valid,test) sizes, not all zero.");
        }

        return values;
    }

    private static void PrintAudit(DatasetAuditReport r)
    {
        Console.WriteLine($"{r.Root} ({r.Layout}): {r.Images} images, {r.Classes.Count} classes, {r.Groups} groups ({r.Ungrouped} ungrouped)");
        Console.WriteLine("  classes: " + string.Join(", ", r.Classes.Select(kv => $"{kv.Key} {kv.Value}")));
        foreach (var (split, counts) in r.Splits)
        {
            Console.WriteLine($"  split {split}: {counts.Values.Sum()} (" + string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")) + ")");
        }

        Console.WriteLine($"  unreadable: {r.Unreadable}");
        PrintSome(r.UnreadableFiles.Select(i => $"{i.Path}: {i.Reason}"), r.UnreadableFiles.Count);
        Console.WriteLine($"  layout issues: {r.LayoutIssues.Count}; images without box: {r.ImagesWithoutBox}");
        PrintSome(r.LayoutIssues.Select(i => $"{i.Path}: {i.Reason}"), r.LayoutIssues.Count);
        PrintSome(r.ImagesWithoutBoxList.Select(p => $"{p}: no box"), r.ImagesWithoutBox);

        Console.WriteLine($"  exact duplicates: {r.ExactDuplicates} extra copies in {r.ExactDuplicateGroups.Count} sets ({r.CrossSplitExactDuplicates} sets across splits, {r.CrossClassExactDuplicates} across classes)");
        Console.WriteLine($"  near duplicates (Hamming <= {r.HammingThreshold}): {r.NearDuplicatePairs} pairs in {r.NearDuplicateClusters} clusters covering {r.ImagesWithNearDuplicates} images");
        Console.WriteLine($"    within split {r.WithinSplitNearDuplicates}, across splits {r.CrossSplitNearDuplicates}, across classes {r.CrossClassNearDuplicates}, across groups {r.CrossGroupNearDuplicates}");
        PrintSome(r.NearDuplicates.Where(p => !p.SameSplit || !p.SameClass).Select(p => $"{p.A} ~ {p.B} (distance {p.Distance}{(p.SameSplit ? "" : ", across splits")}{(p.SameClass ? "" : ", across classes")})"), r.NearDuplicates.Count(p => !p.SameSplit || !p.SameClass));
        Console.WriteLine($"  groups spanning splits: {r.GroupsSpanningSplits}");
        PrintSome(r.SpanningGroups.Select(g => $"{g.Group}: " + string.Join(", ", g.Splits.Select(kv => $"{kv.Key} {kv.Value}"))), r.GroupsSpanningSplits);
        Console.WriteLine("  (--json lists everything)");
    }

    private static void PrintSome(IEnumerable<string> lines, int total)
    {
        const int Shown = 10;
        foreach (string line in lines.Take(Shown))
        {
            Console.WriteLine("    " + line);
        }

        if (total > Shown)
        {
            Console.WriteLine($"    ... and {total - Shown} more");
        }
    }
}
