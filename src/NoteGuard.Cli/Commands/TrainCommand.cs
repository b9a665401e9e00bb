using System.CommandLine;
using System.Globalization;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Inspection.Reports;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Metrics;
using NoteGuard.Learning.Models;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard train</c>: trains an image model on a dataset, evaluates it on the held-out split and saves it.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder (class folders, split folders, YOLO) or CSV manifest (path,label[,group][,split]).", Required = true };
        var arch = new Option<string>("--arch") { Description = "Model: a network (" + string.Join(", ", ModelZoo.Architectures) + "), or " + BanknoteModel.TextureArchitecture + " (print-texture and colour histograms at full resolution with an RBF SVM, fitted once: the network options --epochs to --augment, --logdir, --checkpoint and --resume are refused).", DefaultValueFactory = _ => "compact-cnn" };
        var preset = new Option<string?>("--preset") { Description = "Preprocessing: " + string.Join(", ", PreprocessingPresets.Names) + ", or a preset .json. Default: the architecture's seed preset (compact-cnn: enhanced, deep-gray-cnn: gray-histeq, texture-svm: texture, others: resnet-imagenet)." };
        var inputSize = new Option<int?>("--input-size") { Description = "Square input size in pixels for the preset and the network (compact-cnn: a multiple of 8; resnet18, mobilenet-v2: any ≥ 32). Default: the preset's." };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 25 };
        var batch = new Option<int>("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => 32 };
        var lr = new Option<double>("--lr") { Description = "Initial learning rate.", DefaultValueFactory = _ => 0.001 };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd (momentum 0.9, seed 000) or adam.", DefaultValueFactory = _ => "sgd" };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => 0.9 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay.", DefaultValueFactory = _ => 0 };
        var scheduler = new Option<string>("--scheduler") { Description = "step (StepLR, seed 000: every 7 epochs × 0.1), cosine or constant.", DefaultValueFactory = _ => "step" };
        var stepSize = new Option<int>("--step-size") { Description = "Epochs between learning-rate decays (step schedule).", DefaultValueFactory = _ => 7 };
        var gamma = new Option<double>("--gamma") { Description = "Learning-rate decay factor (step schedule).", DefaultValueFactory = _ => 0.1 };
        var patience = new Option<int?>("--patience") { Description = "Early stopping: stop after this many epochs without a more accurate validation." };
        var balance = new Option<bool>("--balance-classes") { Description = "Weight the loss by inverse class frequency." };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing of the loss, 0..1.", DefaultValueFactory = _ => 0 };
        var augment = new Option<string>("--augment") { Description = "Training augmentation: seed004 (crop, rotation, flips, colour jitter, affine, erasing), seed001 (rotation, zoom, shifts, flips, blur), geometric (flips, rotation ±10°, crop, shifts; no colour change), flips or none.", DefaultValueFactory = _ => "seed004" };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, split, shuffling, augmentation and dropout: the same seed gives the same model.", DefaultValueFactory = _ => 0 };
        var ratios = new Option<string>("--ratios") { Description = "New split sizes train,valid,test when the data has no given split (or with --resplit).", DefaultValueFactory = _ => "80,10,10" };
        var group = new Option<string?>("--group") { Description = "Regex on file names giving each image's group (e.g. 'note_\\d+' for taka, '^(\\d+_\\d*?)\\d_' for vnd video sequences); a group never spans two splits." };
        var byClass = new Option<bool>("--group-by-class") { Description = "Prefix the class to the group key (taka: a note id is per class)." };
        var resplit = new Option<bool>("--resplit") { Description = "Ignore the dataset's given split folders and make a new grouped split." };
        var dropConflicts = new Option<bool>("--drop-label-conflicts") { Description = "Leave out of training the images whose near-identical twin (pHash) is filed under another label (label noise; taka has 37 such pairs). Validation and test images are never removed." };
        var logdir = new Option<string?>("--logdir") { Description = "Folder for TensorBoard event files (loss, accuracy, learning rate per epoch)." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report: curves, confusion matrix, ROC, per-class table, the most confident mistakes, split, audit, size and latency." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Resumable checkpoint written after every epoch (default: OUT.ckpt)." };
        var resume = new Option<string?>("--resume") { Description = "Resume from a checkpoint of an interrupted run with the same settings." };
        var name = new Option<string?>("--name") { Description = "Model name used by 'check --model' (default: the output file name)." };
        var task = new Option<string?>("--task") { Description = "denomination or authenticity (default: authenticity when a class is called real/genuine, else denomination)." };
        var currency = new Option<string?>("--currency") { Description = "ISO 4217 code of the notes (e.g. BDT, VND): an authenticity model then judges only notes a denomination model reads as this currency." };
        var genuine = new Option<string?>("--genuine-label") { Description = "Authenticity models: the label of genuine notes (default: real or genuine)." };
        var cardData = new Option<string?>("--card-data") { Description = "Model card: the data's name and provenance." };
        var cardLicence = new Option<string?>("--card-licence") { Description = "Model card: the data's licence." };
        var svmC = new Option<string>("--svm-c") { Description = "texture-svm: the SVM C values tried, comma-separated; the most accurate on the validation split is kept.", DefaultValueFactory = _ => "1,10,100" };
        var trainOnly = new Option<bool>("--train-only") { Description = "texture-svm: keep the SVM fitted on the training split alone (default: once C is chosen, refit it on training + validation; the test split is never used)." };
        var output = new Option<string>("--out") { Description = "Model file to write (.ngm).", Required = true };
        var json = CommonOptions.Json();
        var maxPixels = CommonOptions.MaxPixels();
        var command = new Command(
            "train",
            "Train an image model, keep the epoch with the best validation accuracy, evaluate it on the held-out test split and save it " +
            "with its preprocessing, labels and a model card. The split is the dataset's given one, or a new stratified split grouped by " +
            "--group with near duplicates kept together; it is written beside the model as OUT.split.csv.\n" +
            "Examples:\n" +
            "  noteguard train --data ../shared/datasets/taka-counterfeit --group 'note_\\d+' --group-by-class --arch compact-cnn --optimizer adam --lr 0.002 --epochs 40 --out taka.ngm --report taka.html\n" +
            "  noteguard train --data ../shared/datasets/vnd-denomination --arch compact-cnn --epochs 30 --logdir runs/vnd --out vnd.ngm\n" +
            "  noteguard train --data ../shared/datasets/taka-counterfeit --group 'note_\\d+' --group-by-class --arch texture-svm --out taka-texture.ngm")
        {
            data, arch, preset, inputSize, epochs, batch, lr, optimizer, momentum, weightDecay, scheduler, stepSize, gamma, patience, balance, smoothing,
            augment, seed, ratios, group, byClass, resplit, dropConflicts, logdir, report, checkpoint, resume, name, task, currency, genuine, cardData, cardLicence,
            svmC, trainOnly, output, json, maxPixels,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string outPath = parse.GetValue(output)!;
            string architecture = parse.GetValue(arch)!;
            bool texture = architecture == BanknoteModel.TextureArchitecture;
            Option[] networkOnly = [epochs, batch, lr, optimizer, momentum, weightDecay, scheduler, stepSize, gamma, patience, balance, smoothing, augment, logdir, checkpoint, resume];
            Option[] textureOnly = [svmC, trainOnly];
            var misplaced = (texture ? networkOnly : textureOnly).Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            if (misplaced.Count > 0)
            {
                throw new ArgumentException($"{string.Join(", ", misplaced)} {(misplaced.Count == 1 ? "does" : "do")} not apply to --arch {architecture} ({(texture ? "a texture-svm has no epochs: it is fitted once, with --svm-c and --train-only" : "--svm-c and --train-only are texture-svm options")})");
            }

            var zooShape = texture ? null : ModelZoo.DefaultInputShape(architecture);
            var chosenPreset = ResolvePreset(parse.GetValue(preset) ?? DefaultPreset(architecture), parse.GetValue(inputSize));
            int runSeed = parse.GetValue(seed);
            var options = new TrainerOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer)!.ToLowerInvariant() switch
                {
                    "sgd" => OptimizerKind.Sgd,
                    "adam" => OptimizerKind.Adam,
                    var other => throw new ArgumentException($"--optimizer must be sgd or adam, not '{other}'"),
                },
                Momentum = parse.GetValue(momentum),
                WeightDecay = parse.GetValue(weightDecay),
                Scheduler = parse.GetValue(scheduler)!.ToLowerInvariant() switch
                {
                    "step" => SchedulerKind.Step,
                    "cosine" => SchedulerKind.Cosine,
                    "constant" => SchedulerKind.Constant,
                    var other => throw new ArgumentException($"--scheduler must be step, cosine or constant, not '{other}'"),
                },
                StepSize = parse.GetValue(stepSize),
                Gamma = parse.GetValue(gamma),
                EarlyStoppingPatience = parse.GetValue(patience),
                BalanceClasses = parse.GetValue(balance),
                LabelSmoothing = parse.GetValue(smoothing),
                Seed = (ulong)(uint)runSeed,
                Augmentation = parse.GetValue(augment)!.ToLowerInvariant() switch
                {
                    "seed004" => AugmentationOptions.Seed004,
                    "seed001" => AugmentationOptions.Seed001,
                    "geometric" => AugmentationOptions.Geometric,
                    "flips" => AugmentationOptions.Flips,
                    "none" => null,
                    var other => throw new ArgumentException($"--augment must be seed004, seed001, geometric, flips or none, not '{other}'"),
                },
                LogDirectory = parse.GetValue(logdir),
                CheckpointPath = parse.GetValue(checkpoint) ?? outPath + ".ckpt",
            };
            options.Validate();
            var textureOptions = texture ? new TextureTrainerOptions { CValues = ParseValues(parse.GetValue(svmC)!, "--svm-c"), Seed = runSeed, RefitWithValidation = !parse.GetValue(trainOnly) } : null;

            // Data: read, audit (duplicates, near duplicates, groups), split.
            var dataset = DatasetCommand.Read(parse.GetValue(data)!, parse.GetValue(group), parse.GetValue(byClass));
            var audit = DatasetCommand.Audit(dataset, 5, parse.GetValue(maxPixels));
            var plan = SplitPlan.Make(dataset, new SplitPlanOptions
            {
                UseGivenSplits = !parse.GetValue(resplit),
                Ratios = DatasetCommand.ParseRatios(parse.GetValue(ratios)!),
                Seed = runSeed,
                Audit = audit,
                DropLabelConflicts = parse.GetValue(dropConflicts),
            });
            var classes = plan.Train.Concat(plan.Validation).Concat(plan.Test).Select(i => i.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Console.Error.WriteLine($"data: {dataset.Root}: {classes.Count} classes ({string.Join(", ", classes)}); split: {plan.Description}");
            ManifestCsv.Write(outPath + ".split.csv", plan.All);

            var modelTask = ResolveTask(parse.GetValue(task), classes);
            string? genuineLabel = modelTask == ModelTask.Authenticity ? ResolveGenuine(parse.GetValue(genuine), classes) : null;
            string modelName = parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(outPath);
            BanknoteModel trained;
            TrainingResult? result = null;
            TextureTrainingResult? textureResult = null;
            if (texture)
            {
                Console.Error.WriteLine($"model: {architecture}, {Inspection.Features.TextureFeatures.Length} texture and colour features, input {chosenPreset.Width}×{chosenPreset.Height}, preset {chosenPreset.Name}");
                textureResult = TextureTrainer.Train(plan.Train, plan.Validation, classes, chosenPreset, textureOptions!, Console.Error.WriteLine);
                trained = BanknoteModel.CreateTexture(textureResult.Classifier, chosenPreset, modelName, modelTask, genuineLabel, currency: parse.GetValue(currency));
            }
            else
            {
                int? size = chosenPreset.Width == zooShape![2] && chosenPreset.Height == zooShape[1] ? null : chosenPreset.Width;
                var network = ModelZoo.Create(architecture, classes.Count, new ZooOptions { Seed = options.Seed, InChannels = chosenPreset.Channels, InputSize = size });
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {architecture}, {network.ParameterCount:N0} parameters, input {string.Join('×', network.InputShape)}, preset {chosenPreset.Name}"));
                result = Trainer.Train(network, plan.Train, plan.Validation, classes, chosenPreset, options, parse.GetValue(resume), new TrainingProgressDisplay());
                trained = BanknoteModel.Create(result.Best, classes, chosenPreset, modelName, modelTask, genuineLabel, history: result.History, currency: parse.GetValue(currency));
            }

            var skippedImages = result?.Skipped ?? textureResult!.Skipped;
            double trainingSeconds = result?.Seconds ?? textureResult!.Seconds;
            foreach (var skipped in skippedImages)
            {
                Console.Error.WriteLine($"noteguard: skipped {skipped.Path}: {skipped.Reason}");
            }

            // Evaluate the kept model on the held-out test split (the validation split when there is no test split).
            var heldOut = plan.Test.Count > 0 ? plan.Test : plan.Validation;
            string heldOutName = plan.Test.Count > 0 ? "test" : "validation (no test split)";
            var predictions = heldOut.Count > 0 ? ImageEvaluation.Predict(trained, heldOut) : null;
            var metrics = predictions?.Evaluate($"{heldOutName} images of {plan.Description}", new EvaluationOptions { Seed = runSeed });
            double latency = trained.MeasureLatencyMilliseconds();

            var card = new ModelCard
            {
                Data = parse.GetValue(cardData) ?? $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(dataset.Root))}: {audit.Images} images, {classes.Count} classes",
                Split = plan.Description,
                Metrics = metrics is null ? "not evaluated (no held-out images)" : Headline(metrics, heldOutName),
                Licence = parse.GetValue(cardLicence) ?? "see the dataset's licence",
                Command = "noteguard " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value))),
            };
            var model = trained.WithCard(card);
            model.Save(outPath);
            long fileBytes = new FileInfo(outPath).Length;
            if (parse.GetValue(report) is string reportPath && predictions is not null && metrics is not null)
            {
                var settings = new Dictionary<string, string>();
                if (textureResult is not null)
                {
                    settings["classifier"] = textureResult.Classifier.Description;
                    settings["C tried (validation accuracy)"] = string.Join(", ", textureResult.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.C}: {c.ValidationAccuracy:F4}")));
                    settings["C kept"] = textureResult.Chosen.C.ToString(CultureInfo.InvariantCulture);
                    settings["final fit"] = string.Create(CultureInfo.InvariantCulture, $"{textureResult.FittedImages} images ({(textureResult.FittedImages > plan.Train.Count ? "training + validation" : "training only")})");
                }
                else
                {
                    settings["optimizer"] = $"{options.Optimizer} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}";
                    settings["schedule"] = options.Scheduler.ToString();
                    settings["epochs"] = $"{result!.History.Count} of {options.Epochs}" + (result.StoppedEarly ? " (stopped early)" : string.Empty);
                    settings["batch"] = options.BatchSize.ToString(CultureInfo.InvariantCulture);
                    settings["augmentation"] = parse.GetValue(augment)!;
                }

                settings["seed"] = runSeed.ToString(CultureInfo.InvariantCulture);
                settings["command"] = card.Command;
                TrainingReport.Write(ModelReport.Build(model, predictions, metrics, audit, fileBytes, latency, trainingSeconds, result?.BestEpoch, settings), reportPath);
                Console.Error.WriteLine($"report: {reportPath}");
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    model = outPath,
                    name = model.Name,
                    arch = architecture,
                    preset = chosenPreset.Name,
                    labels = classes,
                    task = model.TaskName,
                    parameters = model.ParameterCount,
                    file_bytes = fileBytes,
                    latency_ms_batch1 = latency,
                    training_seconds = trainingSeconds,
                    best_epoch = result?.BestEpoch,
                    stopped_early = result?.StoppedEarly ?? false,
                    svm_c = textureResult?.Chosen.C,
                    svm_candidates = textureResult?.Candidates,
                    fitted_images = textureResult?.FittedImages,
                    split = plan.Description,
                    history = model.History,
                    test = metrics,
                    skipped = skippedImages,
                });
            }
            else
            {
                string kept = result is not null
                    ? $"best epoch {result.BestEpoch} of {result.History.Count}{(result.StoppedEarly ? " (stopped early)" : string.Empty)}"
                    : string.Create(CultureInfo.InvariantCulture, $"C {textureResult!.Chosen.C} (validation accuracy {textureResult.Chosen.ValidationAccuracy:F4}), final SVM fitted on {textureResult.FittedImages} images");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {outPath} ({fileBytes / 1024.0:F0} KiB): {model.Name}, {model.TaskName}, {kept}, {trainingSeconds:F0} s"));
                if (metrics is not null)
                {
                    MetricsOutput.Print(metrics, $"{architecture} + {chosenPreset.Name}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency: {latency:F2} ms per image (batch 1, after preprocessing)"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static string DefaultPreset(string architecture) => architecture switch
    {
        "compact-cnn" => "enhanced",
        BanknoteModel.TextureArchitecture => "texture",
        "deep-gray-cnn" => "gray-histeq",
        _ => "resnet-imagenet",
    };

    internal static PreprocessingPreset ResolvePreset(string nameOrPath, int? size)
    {
        var preset = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? PreprocessingPresets.Resolve(nameOrPath) : PreprocessingPresets.Get(nameOrPath, size);
        return size is int s && (preset.Width != s || preset.Height != s) ? preset with { Width = s, Height = s } : preset;
    }

    internal static string Headline(ClassificationReport metrics, string splitName)
    {
        var inv = CultureInfo.InvariantCulture;
        string Ci(double[]? ci) => ci is null ? string.Empty : string.Create(inv, $" (95% CI {ci[0]:F3}–{ci[1]:F3})");
        string auc = metrics.Auc is double a ? string.Create(inv, $", ROC-AUC {a:F4}{Ci(metrics.Ci95.Auc)}") : string.Empty;
        return string.Create(inv, $"{splitName} accuracy {metrics.Accuracy:F4}{Ci(metrics.Ci95.Accuracy)}, macro F1 {metrics.MacroF1:F4}{Ci(metrics.Ci95.MacroF1)}{auc}, MCC {metrics.Mcc:F4}, on {metrics.Samples} images");
    }

    private static double[] ParseValues(string text, string option)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            values.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0
                ? v
                : throw new ArgumentException($"{option} takes positive numbers separated by commas, not '{part}'"));
        }

        return values.Count > 0 ? [.. values] : throw new ArgumentException($"{option} needs at least one value");
    }

    private static ModelTask ResolveTask(string? task, IReadOnlyList<string> classes) => task?.ToLowerInvariant() switch
    {
        "denomination" => ModelTask.Denomination,
        "authenticity" => ModelTask.Authenticity,
        null => classes.Any(IsGenuineName) ? ModelTask.Authenticity : ModelTask.Denomination,
        var other => throw new ArgumentException($"--task must be denomination or authenticity, not '{other}'"),
    };

    private static string ResolveGenuine(string? genuine, IReadOnlyList<string> classes)
    {
        if (genuine is not null)
        {
            return classes.Contains(genuine) ? genuine : throw new ArgumentException($"--genuine-label '{genuine}' is not one of the classes ({string.Join(", ", classes)})");
        }

        return classes.FirstOrDefault(IsGenuineName) ?? throw new ArgumentException($"an authenticity model needs --genuine-label (classes: {string.Join(", ", classes)})");
    }

    private static bool IsGenuineName(string label) => label.Equals("real", StringComparison.OrdinalIgnoreCase) || label.Equals("genuine", StringComparison.OrdinalIgnoreCase);

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=,:".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
