using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Reports;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard evaluate</c>: the shared metrics of a trained image model on a labelled dataset split.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (.ngm) written by 'noteguard train'.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled dataset folder or CSV manifest (e.g. the OUT.split.csv that 'train' wrote).", Required = true };
        var split = new Option<string>("--split") { Description = "Which split to evaluate when the data has splits: test, valid, train or all. Data without splits is evaluated whole.", DefaultValueFactory = _ => "test" };
        var group = new Option<string?>("--group") { Description = "Regex on file names giving each image's group (reported in the audit)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the F1 and AUC confidence intervals.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 0 };
        var reportFile = new Option<string?>("--report") { Description = "Write a self-contained HTML report: the model's training curve, confusion matrix, ROC, per-class table, the most confident mistakes, audit and latency." };
        var json = CommonOptions.Json();
        var command = new Command(
            "evaluate",
            "Evaluate a trained image model on labelled images: accuracy, per-class precision/recall/F1, macro and weighted F1, confusion " +
            "matrix, ROC-AUC, MCC, with 95% confidence intervals (Wilson for accuracy, bootstrap for F1 and AUC). Labels are matched to the " +
            "model's labels by name; an image whose label the model does not know is an error.\n" +
            "Example: noteguard evaluate --model taka.ngm --data taka.ngm.split.csv --split test --report taka-test.html --json")
        {
            model, data, split, group, bootstrap, seed, reportFile, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var loaded = BanknoteModel.Load(parse.GetValue(model)!);
            var dataset = DatasetCommand.Read(parse.GetValue(data)!, parse.GetValue(group), byClass: false);
            var (items, description) = Select(dataset, parse.GetValue(split)!);
            var known = loaded.Labels.ToHashSet(StringComparer.Ordinal);
            if (items.FirstOrDefault(i => !known.Contains(i.Label)) is { } stray)
            {
                throw new InvalidInputException($"label '{stray.Label}' of {stray.Path} is not one of the model's labels ({string.Join(", ", loaded.Labels)})");
            }

            if (items.Count == 0)
            {
                throw new InvalidInputException($"{dataset.Root}: no images in split '{parse.GetValue(split)}'");
            }

            var predictions = ImageEvaluation.Predict(loaded, items);
            foreach (var skipped in predictions.Skipped)
            {
                Console.Error.WriteLine($"noteguard: skipped {skipped.Path}: {skipped.Reason}");
            }

            var report = predictions.Evaluate(description, new EvaluationOptions { BootstrapSamples = parse.GetValue(bootstrap), Seed = parse.GetValue(seed) });
            if (parse.GetValue(reportFile) is string reportPath)
            {
                var audit = DatasetCommand.Audit(dataset, 5, Imaging.DecoderOptions.Default.MaxPixels);
                double latency = loaded.MeasureLatencyMilliseconds();
                var trained = loaded.History.Count > 0 ? (double?)loaded.History.Sum(h => h.Seconds) : null;
                TrainingReport.Write(
                    ModelReport.Build(loaded, predictions, report, audit, new FileInfo(loaded.FilePath!).Length, latency, trained ?? 0, null),
                    reportPath);
                Console.Error.WriteLine($"report: {reportPath}");
            }

            string modelDescription = $"{loaded.Name} ({loaded.Architecture} + {loaded.Preset.Name}, {loaded.TaskName})";
            if (parse.GetValue(json))
            {
                var node = JsonSerializer.SerializeToNode(report, JsonOutput.Options)!.AsObject();
                node["model"] = modelDescription;
                node["skipped"] = predictions.Skipped.Count;
                node["images_per_second"] = predictions.Items.Count / Math.Max(predictions.Seconds, 1e-9);
                JsonOutput.Write(node);
            }
            else
            {
                MetricsOutput.Print(report, modelDescription);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{predictions.Items.Count} images in {predictions.Seconds:F1} s; {predictions.Skipped.Count} skipped"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static (IReadOnlyList<DatasetItem> Items, string Description) Select(Dataset dataset, string split)
    {
        string root = dataset.Root;
        bool hasSplits = dataset.Items.Count > 0 && dataset.Items.All(i => i.Split is not null);
        if (!hasSplits || split.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return (dataset.Items, $"all {dataset.Items.Count} images of {root}" + (hasSplits ? " (every split)" : " (no split information)"));
        }

        string role = SplitPlan.Role(split);
        var items = dataset.Items.Where(i => SplitPlan.Role(i.Split!) == role).ToList();
        return (items, $"the {split} split of {root} ({items.Count} images)");
    }
}
