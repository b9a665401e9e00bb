using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoteGuard.Inspection;
using NoteGuard.Inspection.Tabular;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Cli.Commands;

/// <summary><c>noteguard tabular train|evaluate|predict</c>: classical models on CSV feature tables (seed 003).</summary>
internal static class TabularCommand
{
    private const string ModelHelp =
        "Models: svm (C-SVC, LIBSVM's solver), logreg (L2 logistic regression), knn, forest (random forest), tree (one CART tree), nb (Gaussian naive Bayes).";

    public static Command Create()
    {
        var tabular = new Command("tabular",
            "Train, evaluate and apply classical models on CSV tables of features (e.g. the UCI banknote wavelet features).\n" +
            "The CSV may use comma, semicolon or tab, with or without a header; the label column is named with --label.\n" + ModelHelp);
        tabular.Subcommands.Add(CreateTrain());
        tabular.Subcommands.Add(CreateEvaluate());
        tabular.Subcommands.Add(CreatePredict());
        return tabular;
    }

    private sealed class ModelArguments
    {
        public Option<string> Model { get; } = new("--model") { Description = "Model: svm, logreg, knn, forest, tree or nb.", DefaultValueFactory = _ => "svm" };

        public Option<string?> Kernel { get; } = new("--kernel") { Description = "SVM kernel: rbf (default), linear, poly, sigmoid." };

        public Option<string?> C { get; } = new("--c") { Description = "SVM / logreg penalty C (default 1)." };

        public Option<string?> Gamma { get; } = new("--gamma") { Description = "SVM kernel gamma: a number or 'scale' = 1/(n_features·Var(X)) (default)." };

        public Option<string?> Degree { get; } = new("--degree") { Description = "Polynomial kernel degree (default 3)." };

        public Option<string?> Coef0 { get; } = new("--coef0") { Description = "Polynomial/sigmoid kernel constant (default 0)." };

        public Option<bool> Probability { get; } = new("--probability") { Description = "SVM: fit Platt-scaled probabilities (internal 5-fold CV)." };

        public Option<string?> Neighbors { get; } = new("--k") { Description = "kNN: number of neighbours (default 5)." };

        public Option<string?> Weights { get; } = new("--weights") { Description = "kNN: uniform (default) or distance." };

        public Option<string?> Trees { get; } = new("--trees") { Description = "Forest: number of trees (default 100)." };

        public Option<string?> MaxDepth { get; } = new("--max-depth") { Description = "Forest/tree: depth limit (default none)." };

        public Option<string?> MaxFeatures { get; } = new("--max-features") { Description = "Forest: features per split, a number, 'sqrt' (default) or 'all'." };

        public Option<string?> VarSmoothing { get; } = new("--var-smoothing") { Description = "Naive Bayes: variance smoothing (default 1e-9)." };

        public Option<bool> Standardize { get; } = new("--standardize") { Description = "Standardise features (mean 0, std 1), fitted on training rows only and stored with the model." };

        public Option<bool> MinMax { get; } = new("--minmax") { Description = "Scale features to [0, 1], fitted on training rows only and stored with the model." };

        public Option<string?> Impute { get; } = new("--impute") { Description = "Missing or non-numeric values: mean, median (fitted on training rows) or drop (remove the row). Without it they are an error." };

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Model, Kernel, C, Gamma, Degree, Coef0, Probability, Neighbors, Weights, Trees, MaxDepth, MaxFeatures, VarSmoothing, Standardize, MinMax, Impute })
            {
                command.Options.Add(option);
            }
        }

        public Dictionary<string, string> Settings(ParseResult parse, int seed)
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            void Put(string key, string? value)
            {
                if (value is not null)
                {
                    settings[key] = value;
                }
            }

            string model = parse.GetValue(Model)!.ToLowerInvariant();
            Put("kernel", parse.GetValue(Kernel));
            Put("c", parse.GetValue(C));
            Put("gamma", parse.GetValue(Gamma));
            Put("degree", parse.GetValue(Degree));
            Put("coef0", parse.GetValue(Coef0));
            Put("probability", parse.GetValue(Probability) ? "true" : null);
            Put("k", parse.GetValue(Neighbors));
            Put("weights", parse.GetValue(Weights));
            Put("trees", parse.GetValue(Trees));
            Put("max_depth", parse.GetValue(MaxDepth));
            Put("max_features", parse.GetValue(MaxFeatures));
            Put("var_smoothing", parse.GetValue(VarSmoothing));
            if (model is "svm" or "forest" or "tree")
            {
                settings["seed"] = seed.ToString(CultureInfo.InvariantCulture);
            }

            return settings;
        }

        public TabularModelOptions Build(ParseResult parse, IReadOnlyDictionary<string, string> settings)
        {
            if (parse.GetValue(Standardize) && parse.GetValue(MinMax))
            {
                throw new ArgumentException("choose one of --standardize and --minmax");
            }

            return new TabularModelOptions
            {
                Classifier = ClassifierCatalog.Create(parse.GetValue(Model)!, settings),
                Scaling = parse.GetValue(Standardize) ? ScalingMethod.Standardize : parse.GetValue(MinMax) ? ScalingMethod.MinMax : ScalingMethod.None,
                Imputation = ParseImputation(parse.GetValue(Impute)),
            };
        }
    }

    private sealed class DataArguments
    {
        public Option<string> Data { get; } = new("--data") { Description = "CSV file of features (comma, semicolon or tab; header detected).", Required = true };

        public Option<string?> Label { get; } = new("--label") { Description = "Name of the label column (string or numeric labels)." };

        public Option<string?> Group { get; } = new("--group") { Description = "Group column (e.g. physical note id): grouped splits keep a group on one side; not a feature." };

        public Option<string[]> Ignore { get; } = new("--ignore") { Description = "A column to leave out of the features (repeatable)." };

        public void AddTo(Command command, bool labelRequired)
        {
            Label.Required = labelRequired;
            command.Options.Add(Data);
            command.Options.Add(Label);
            command.Options.Add(Group);
            command.Options.Add(Ignore);
        }

        public TabularDataset Load(ParseResult parse, bool allowMissing, IReadOnlyList<string>? featureColumns = null) =>
            TabularDataset.Load(parse.GetValue(Data)!, new TabularReadOptions
            {
                LabelColumn = parse.GetValue(Label),
                GroupColumn = parse.GetValue(Group),
                IgnoreColumns = parse.GetValue(Ignore) ?? [],
                FeatureColumns = featureColumns,
                AllowMissing = allowMissing,
            });
    }

    private static Command CreateTrain()
    {
        var data = new DataArguments();
        var model = new ModelArguments();
        var output = new Option<string>("--out") { Description = "Model file to write (imputer, scaler, classifier, feature names and labels in one file).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for forests, SVM probability CV and grid-search folds (default 0)." };
        var grid = new Option<string[]>("--grid") { Description = "Grid-search axis key=v1,v2,... (repeatable; keys: c, gamma, kernel, degree, k, weights, trees, max_depth, ...). The best setting by CV accuracy is trained on all rows." };
        var cv = new Option<int>("--cv") { Description = "Folds for --grid (default 5).", DefaultValueFactory = _ => 5 };
        var json = CommonOptions.Json();
        var command = new Command("train",
            "Train a model on a whole CSV and save it.\n" +
            "Examples:\n" +
            "  noteguard tabular train --data banknote_authentication.csv --label class --model svm --standardize --out uci-svm.ngm\n" +
            "  noteguard tabular train --data notes.csv --label Status --model svm --standardize --grid c=0.1,1,10 --grid gamma=scale,0.1 --cv 5 --out swiss.ngm\n" +
            "  noteguard tabular train --data notes.csv --label class --model forest --trees 200 --impute median --seed 7 --out forest.ngm");
        data.AddTo(command, labelRequired: true);
        model.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(grid);
        command.Options.Add(cv);
        command.Options.Add(json);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            int s = parse.GetValue(seed);
            var baseSettings = model.Settings(parse, s);
            var options = model.Build(parse, baseSettings);
            var dataset = PrepareRows(data.Load(parse, options.Imputation != ImputationMethod.None), options);
            dataset.RequireTwoClasses();
            IReadOnlyList<GridSearchEntry>? ranking = null;
            string[] axes = parse.GetValue(grid) ?? [];
            if (axes.Length > 0)
            {
                var candidates = ClassifierCatalog.ExpandGrid(baseSettings, [.. axes.Select(ClassifierCatalog.ParseGridAxis)])
                    .Select(settings => model.Build(parse, settings)).ToList();
                var split = MakeSplit(dataset, null, parse.GetValue(cv), s, data.Group.Name);
                ranking = TabularEvaluation.GridSearch(dataset, candidates, split);
                options = ranking[0].Options;
                foreach (var entry in ranking)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"grid: {entry.Options.Describe(),-60} mean accuracy {entry.MeanAccuracy:F4}  macro F1 {entry.MacroF1:F4}"));
                }
            }

            var fitted = TabularEvaluation.Fit(dataset, options);
            string path = parse.GetValue(output)!;
            fitted.Save(path);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    model = fitted.Description,
                    kind = fitted.Classifier.Kind,
                    out_path = path,
                    rows = dataset.Count,
                    features = fitted.FeatureNames,
                    labels = fitted.Labels,
                    grid = ranking?.Select(e => new { model = e.Options.Describe(), mean_accuracy = e.MeanAccuracy, macro_f1 = e.MacroF1 }),
                });
            }
            else
            {
                Console.WriteLine($"trained {fitted.Description} on {dataset.Count} rows, {fitted.FeatureNames.Count} features, labels [{string.Join(", ", fitted.Labels)}] -> {path}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateEvaluate()
    {
        var data = new DataArguments();
        var model = new ModelArguments();
        var modelFile = new Option<string?>("--model-file") { Description = "Evaluate a saved model on every row of --data instead of training one." };
        var holdout = new Option<double?>("--holdout") { Description = "Stratified (or grouped with --group) hold-out: this fraction of rows is the test set, e.g. 0.3." };
        var cv = new Option<int?>("--cv") { Description = "Stratified (or grouped with --group) k-fold cross-validation, e.g. 10 (the default when neither --holdout nor --folds is given)." };
        var foldsIn = new Option<string?>("--folds") { Description = "Use the folds of a CSV 'row,fold' (0-based data row; fold −1 = always training), e.g. one written by --folds-out." };
        var foldsOut = new Option<string?>("--folds-out") { Description = "Write the fold of every row as CSV 'row,fold' so a peer (scikit-learn) can use the same split." };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the bootstrap CIs and seeded models (default 0)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the F1/AUC 95% intervals (default 1000; 0 = none).", DefaultValueFactory = _ => 1000 };
        var json = CommonOptions.Json();
        var command = new Command("evaluate",
            "Estimate how well a model generalises: train on each fold's training rows (scaler/imputer fitted there only), predict its test rows, " +
            "and report accuracy (Wilson 95% CI), macro/weighted F1, ROC-AUC, MCC (bootstrap 95% CIs), per-class metrics and the confusion matrix.\n" +
            "Examples:\n" +
            "  noteguard tabular evaluate --data banknote_authentication.csv --label class --model svm --standardize --holdout 0.3 --seed 0\n" +
            "  noteguard tabular evaluate --data banknote_authentication.csv --label class --model logreg --standardize --cv 10 --json\n" +
            "  noteguard tabular evaluate --data swiss_banknotes.csv --label Status --model svm --standardize --cv 10 --folds-out folds.csv\n" +
            "  noteguard tabular evaluate --data test.csv --label class --model-file uci-svm.ngm");
        data.AddTo(command, labelRequired: true);
        model.AddTo(command);
        foreach (Option option in new Option[] { modelFile, holdout, cv, foldsIn, foldsOut, seed, bootstrap, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliErrors.Run(() =>
        {
            int s = parse.GetValue(seed);
            var evaluation = new EvaluationOptions { BootstrapSamples = parse.GetValue(bootstrap), Seed = s };
            ClassificationReport report;
            string modelDescription;
            IReadOnlyList<double>? foldAccuracies = null;
            if (parse.GetValue(modelFile) is string file)
            {
                if (parse.GetValue(holdout) is not null || parse.GetValue(cv) is not null || parse.GetValue(foldsIn) is not null)
                {
                    throw new ArgumentException("--model-file evaluates on all rows; it cannot be combined with --holdout, --cv or --folds");
                }

                var saved = TabularModel.Load(file);
                var dataset = data.Load(parse, saved.Imputer.Method != ImputationMethod.None, saved.FeatureNames);
                if (saved.Imputer.Method == ImputationMethod.Drop)
                {
                    dataset = dataset.WithoutMissingRows();
                }

                int[] truth = MapLabels(dataset, saved);
                var predicted = saved.Predict(dataset.Features);
                var scores = saved.PredictScores(dataset.Features);
                report = ClassificationMetrics.Evaluate(truth, predicted, scores, saved.Labels,
                    $"all {dataset.Count} rows of {Path.GetFileName(dataset.Source)} (model trained elsewhere)", evaluation);
                modelDescription = saved.Description;
            }
            else
            {
                var options = model.Build(parse, model.Settings(parse, s));
                var dataset = PrepareRows(data.Load(parse, options.Imputation != ImputationMethod.None), options);
                dataset.RequireTwoClasses();
                var split = parse.GetValue(foldsIn) is string foldFile
                    ? ReadFolds(foldFile, dataset.Count)
                    : MakeSplit(dataset, parse.GetValue(holdout), parse.GetValue(cv), s, data.Group.Name);
                if (parse.GetValue(foldsOut) is string foldsPath)
                {
                    split.WriteCsv(foldsPath);
                }

                var result = TabularEvaluation.Evaluate(dataset, options, split, evaluation);
                report = result.Report;
                modelDescription = result.Model;
                foldAccuracies = result.FoldAccuracies;
            }

            if (parse.GetValue(json))
            {
                var node = JsonSerializer.SerializeToNode(report, JsonOutput.Options)!.AsObject();
                node["model"] = modelDescription;
                if (foldAccuracies is not null)
                {
                    node["fold_accuracies"] = new JsonArray([.. foldAccuracies.Select(a => (JsonNode?)JsonValue.Create(a))]);
                }

                JsonOutput.Write(node);
            }
            else
            {
                MetricsOutput.Print(report, modelDescription, foldAccuracies);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreatePredict()
    {
        var modelFile = new Option<string>("--model-file") { Description = "Model written by 'tabular train'.", Required = true };
        var dataPath = new Option<string>("--data") { Description = "CSV with (at least) the model's feature columns, by header name; other columns are ignored.", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("predict",
            "Predict the label of every row of a CSV with a saved model. Text output: one line 'row,label,score...' per row.\n" +
            "Example: noteguard tabular predict --model-file uci-svm.ngm --data new_notes.csv --json")
        {
            modelFile, dataPath, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var saved = TabularModel.Load(parse.GetValue(modelFile)!);
            var dataset = TabularDataset.Load(parse.GetValue(dataPath)!, new TabularReadOptions
            {
                FeatureColumns = saved.FeatureNames,
                AllowMissing = saved.Imputer.Method is ImputationMethod.Mean or ImputationMethod.Median,
            });
            var predicted = saved.Predict(dataset.Features);
            var scores = saved.PredictScores(dataset.Features);
            int k = saved.Labels.Count;
            string scoreKind = saved.Classifier.ScoresAreProbabilities ? "probabilities" : "scores";
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    model = saved.Description,
                    labels = saved.Labels,
                    score_kind = scoreKind,
                    predictions = Enumerable.Range(0, dataset.Count).Select(r => new
                    {
                        row = r,
                        line = dataset.LineNumbers[r],
                        label = saved.Labels[predicted[r]],
                        scores = saved.Labels.Select((l, c) => (l, c)).ToDictionary(p => p.l, p => scores[(r * k) + p.c]),
                    }),
                });
            }
            else
            {
                Console.WriteLine("row,label," + string.Join(",", saved.Labels.Select(l => scoreKind[..^1] + ":" + l)));
                for (int r = 0; r < dataset.Count; r++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r},{saved.Labels[predicted[r]]},{string.Join(",", scores.AsSpan(r * k, k).ToArray().Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}"));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static TabularDataset PrepareRows(TabularDataset dataset, TabularModelOptions options) =>
        options.Imputation == ImputationMethod.Drop ? dataset.WithoutMissingRows() : dataset;

    private static DataSplit MakeSplit(TabularDataset dataset, double? holdout, int? cv, int seed, string groupOption)
    {
        if (holdout is not null && cv is not null)
        {
            throw new ArgumentException("choose one of --holdout and --cv");
        }

        if (holdout is double fraction)
        {
            return dataset.Groups is { } groups
                ? DataSplitter.GroupedHoldout(groups, fraction, seed)
                : DataSplitter.StratifiedHoldout(dataset.Targets, fraction, seed);
        }

        int k = cv ?? 10;
        if (dataset.Groups is { } g)
        {
            return DataSplitter.GroupedKFold(g, k, seed);
        }

        int smallest = Enumerable.Range(0, dataset.Labels.Count).Min(c => dataset.Targets.Count(t => t == c));
        if (smallest < k)
        {
            throw new InvalidDatasetException(dataset.Source, null, null,
                $"the smallest class has {smallest} rows, fewer than the {k} folds (use fewer folds or --holdout; {groupOption} for grouped splits)");
        }

        return DataSplitter.StratifiedKFold(dataset.Targets, k, seed);
    }

    private static DataSplit ReadFolds(string path, int rows)
    {
        var table = CsvTable.Load(path, hasHeader: true);
        int rowIndex = table.IndexOf("row");
        int foldIndex = table.IndexOf("fold");
        if (rowIndex < 0 || foldIndex < 0)
        {
            throw new InvalidDatasetException(path, null, null, "a folds file needs the columns 'row' and 'fold'");
        }

        var folds = new int[rows];
        var seen = new bool[rows];
        for (int i = 0; i < table.Rows.Count; i++)
        {
            if (!int.TryParse(table.Rows[i][rowIndex], NumberStyles.Integer, CultureInfo.InvariantCulture, out int row) || row < 0 || row >= rows)
            {
                throw new InvalidDatasetException(path, table.LineNumbers[i], "row", $"must be a data row index in 0..{rows - 1}");
            }

            if (!int.TryParse(table.Rows[i][foldIndex], NumberStyles.Integer, CultureInfo.InvariantCulture, out int fold) || fold < -1 || fold > 10_000)
            {
                throw new InvalidDatasetException(path, table.LineNumbers[i], "fold", "must be an integer from -1 to 10000");
            }

            folds[row] = fold;
            seen[row] = true;
        }

        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new InvalidDatasetException(path, null, "row", $"data row {missing} has no fold");
        }

        int count = folds.Max() + 1;
        try
        {
            return new DataSplit(folds, count, $"folds from {Path.GetFileName(path)} ({count} fold{(count == 1 ? string.Empty : "s")})");
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDatasetException(path, null, "fold", ex.Message);
        }
    }

    private static int[] MapLabels(TabularDataset dataset, TabularModel model)
    {
        var index = model.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var truth = new int[dataset.Count];
        for (int r = 0; r < dataset.Count; r++)
        {
            string label = dataset.Labels[dataset.Targets[r]];
            if (!index.TryGetValue(label, out truth[r]))
            {
                throw new InvalidDatasetException(dataset.Source, dataset.LineNumbers[r], null,
                    $"label '{label}' is not one the model knows ({string.Join(", ", model.Labels)})");
            }
        }

        return truth;
    }

    private static ImputationMethod ParseImputation(string? text) => text?.ToLowerInvariant() switch
    {
        null or "none" => ImputationMethod.None,
        "mean" => ImputationMethod.Mean,
        "median" => ImputationMethod.Median,
        "drop" => ImputationMethod.Drop,
        _ => throw new ArgumentException($"--impute must be mean, median or drop, not '{text}'"),
    };
}
