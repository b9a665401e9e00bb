using System.Globalization;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Bayes;
using NoteGuard.Learning.Classical.Linear;
using NoteGuard.Learning.Classical.Neighbors;
using NoteGuard.Learning.Classical.Svm;
using NoteGuard.Learning.Classical.Trees;

namespace NoteGuard.Inspection.Tabular;

/// <summary>
/// Builds classifier options from a model name and <c>key=value</c> settings, the form used by the CLI and by
/// grid search. Models: svm, logreg, knn, forest, tree, nb. Keys: kernel, c, gamma (number or "scale"),
/// degree, coef0, probability, k, weights, trees, max_depth, max_features, var_smoothing, seed.
/// </summary>
public static class ClassifierCatalog
{
    /// <summary>The model names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Models { get; } = ["svm", "logreg", "knn", "forest", "tree", "nb"];

    private static readonly Dictionary<string, string[]> s_keys = new(StringComparer.Ordinal)
    {
        ["svm"] = ["kernel", "c", "gamma", "degree", "coef0", "probability", "seed"],
        ["logreg"] = ["c"],
        ["knn"] = ["k", "weights"],
        ["forest"] = ["trees", "max_depth", "max_features", "seed"],
        ["tree"] = ["max_depth", "seed"],
        ["nb"] = ["var_smoothing"],
    };

    /// <summary>Creates the options of <paramref name="model"/> with the given settings (other defaults as scikit-learn).</summary>
    /// <exception cref="ArgumentException">Unknown model, a key the model does not take, or a bad value.</exception>
    public static ClassifierOptions Create(string model, IReadOnlyDictionary<string, string> settings)
    {
        Guard.NotNull(model);
        Guard.NotNull(settings);
        string name = model.ToLowerInvariant() switch
        {
            "naive-bayes" or "gnb" => "nb",
            "logistic" => "logreg",
            var other => other,
        };
        if (!s_keys.TryGetValue(name, out string[]? keys))
        {
            throw new ArgumentException($"unknown model '{model}' (expected {string.Join(", ", Models)})", nameof(model));
        }

        foreach (string key in settings.Keys)
        {
            if (!keys.Contains(key))
            {
                throw new ArgumentException($"model '{name}' does not take '{key}' (it takes: {string.Join(", ", keys)})", nameof(settings));
            }
        }

        string? Get(string key) => settings.TryGetValue(key, out string? v) ? v : null;
        return name switch
        {
            "svm" => new SvmOptions
            {
                Kernel = Get("kernel") is string k ? SvmOptions.ParseKernel(k) : SvmKernel.Rbf,
                C = Number(Get("c"), "c") ?? 1.0,
                Gamma = Get("gamma") is null or "scale" ? null : Number(Get("gamma"), "gamma"),
                Degree = Integer(Get("degree"), "degree") ?? 3,
                Coef0 = Number(Get("coef0"), "coef0") ?? 0,
                Probability = Flag(Get("probability"), "probability"),
                Seed = Integer(Get("seed"), "seed") ?? 0,
            },
            "logreg" => new LogisticRegressionOptions { C = Number(Get("c"), "c") ?? 1.0 },
            "knn" => new KNearestNeighborsOptions
            {
                Neighbors = Integer(Get("k"), "k") ?? 5,
                Weighting = Get("weights") switch
                {
                    null or "uniform" => NeighborWeighting.Uniform,
                    "distance" => NeighborWeighting.Distance,
                    var w => throw new ArgumentException($"weights must be uniform or distance, not '{w}'", nameof(settings)),
                },
            },
            "forest" => new RandomForestOptions
            {
                Trees = Integer(Get("trees"), "trees") ?? 100,
                MaxDepth = Integer(Get("max_depth"), "max_depth"),
                MaxFeatures = Get("max_features") is "all" ? int.MaxValue : Get("max_features") is null or "sqrt" ? null : Integer(Get("max_features"), "max_features"),
                Seed = Integer(Get("seed"), "seed") ?? 0,
            },
            "tree" => RandomForestOptions.DecisionTree(Integer(Get("max_depth"), "max_depth"), Integer(Get("seed"), "seed") ?? 0),
            _ => new GaussianNaiveBayesOptions { VarianceSmoothing = Number(Get("var_smoothing"), "var_smoothing") ?? 1e-9 },
        };
    }

    /// <summary>
    /// Every combination of the grid values over the base settings, e.g. base {kernel=rbf} with grid
    /// c=[0.1,1], gamma=[scale,0.1] gives four settings.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ExpandGrid(
        IReadOnlyDictionary<string, string> baseSettings, IReadOnlyList<KeyValuePair<string, string[]>> grid)
    {
        Guard.NotNull(baseSettings);
        Guard.NotNull(grid);
        IEnumerable<Dictionary<string, string>> combos = [new Dictionary<string, string>(baseSettings, StringComparer.Ordinal)];
        foreach (var (key, values) in grid)
        {
            Guard.IsTrue(values.Length > 0, $"grid key '{key}' has no values", nameof(grid));
            combos = combos.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [key] = v })).ToList();
        }

        return [.. combos];
    }

    /// <summary>Parses "key=v1,v2,..." into a grid axis.</summary>
    /// <exception cref="ArgumentException">No '=' or no value.</exception>
    public static KeyValuePair<string, string[]> ParseGridAxis(string text)
    {
        Guard.NotNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        Guard.IsTrue(eq > 0 && eq < text.Length - 1, $"grid axis '{text}' must look like key=v1,v2,...", nameof(text));
        string[] values = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(text[..eq].Trim().ToLowerInvariant(), values);
    }

    private static double? Number(string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{key} must be a number, not '{text}'", key);
    }

    private static int? Integer(string? text, string key)
    {
        if (text is null || text == "none")
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ArgumentException($"{key} must be an integer, not '{text}'", key);
    }

    private static bool Flag(string? text, string key) => text switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new ArgumentException($"{key} must be true or false, not '{text}'", key),
    };
}
