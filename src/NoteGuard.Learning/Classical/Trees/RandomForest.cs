using System.Globalization;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical.Trees;

/// <summary>
/// Settings of a random forest of CART trees (Gini impurity; defaults as scikit-learn's
/// <c>RandomForestClassifier</c>). With one tree, no bootstrap and all features it is a single decision tree.
/// </summary>
public sealed record RandomForestOptions : ClassifierOptions
{
    /// <inheritdoc />
    public override string Kind => "forest";

    /// <summary>Number of trees (1..10000). Default 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Depth limit (≥ 1) or null for none. Default null.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Smallest node that may be split (≥ 2). Default 2.</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Smallest allowed leaf (≥ 1). Default 1.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Features tried per split, or null for ⌈√d⌉ rounded down as scikit-learn's "sqrt" (use d for a plain tree).</summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Draw a bootstrap sample (with replacement, n rows) for every tree. Default true.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Seed; tree t uses a generator derived from (seed, t), so results do not depend on thread scheduling.</summary>
    public int Seed { get; init; }

    /// <summary>A single CART tree over all features, without bootstrap.</summary>
    public static RandomForestOptions DecisionTree(int? maxDepth = null, int seed = 0) =>
        new() { Trees = 1, Bootstrap = false, MaxFeatures = int.MaxValue, MaxDepth = maxDepth, Seed = seed };

    /// <summary>Trains a <see cref="RandomForest"/>.</summary>
    public override ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount) => RandomForest.Fit(x, y, classCount, this);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"forest(trees={Trees}, max_depth={(MaxDepth is int m ? m.ToString(CultureInfo.InvariantCulture) : "none")}, max_features={(MaxFeatures is int f ? (f == int.MaxValue ? "all" : f.ToString(CultureInfo.InvariantCulture)) : "sqrt")}, bootstrap={(Bootstrap ? "yes" : "no")}, seed={Seed})");
}

/// <summary>An ensemble of CART trees; scores average the trees' leaf class distributions.</summary>
public sealed class RandomForest : ClassicalClassifier
{
    private readonly int[] _treeStarts; // T + 1 node offsets
    private readonly int[] _feature;    // −1 for a leaf
    private readonly double[] _threshold;
    private readonly int[] _left;       // absolute node index
    private readonly int[] _right;
    private readonly double[] _value;   // nodes × K class distribution
    private readonly int _features;
    private readonly int _classCount;

    private RandomForest(int[] treeStarts, int[] feature, double[] threshold, int[] left, int[] right, double[] value, int features, int classCount)
    {
        _treeStarts = treeStarts;
        _feature = feature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _value = value;
        _features = features;
        _classCount = classCount;
    }

    /// <inheritdoc />
    public override string Kind => "forest";

    /// <inheritdoc />
    public override int FeatureCount => _features;

    /// <inheritdoc />
    public override int ClassCount => _classCount;

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => true;

    /// <summary>Number of trees.</summary>
    public int TreeCount => _treeStarts.Length - 1;

    /// <summary>Total number of nodes over all trees.</summary>
    public int NodeCount => _feature.Length;

    /// <summary>Grows the trees (in parallel, deterministically per seed).</summary>
    /// <exception cref="ArgumentException">Bad options or data.</exception>
    public static RandomForest Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount, RandomForestOptions options)
    {
        Guard.NotNull(options);
        Guard.MustBeBetween(options.Trees, 1, 10_000);
        Guard.MustBeBetween(options.MinSamplesSplit, 2, int.MaxValue);
        Guard.MustBePositive(options.MinSamplesLeaf);
        if (options.MaxDepth is int depth)
        {
            Guard.MustBePositive(depth, nameof(options.MaxDepth));
        }

        if (options.MaxFeatures is int mf)
        {
            Guard.MustBePositive(mf, nameof(options.MaxFeatures));
        }

        ClassifierOptions.CheckTrainingData(x, y, classCount);
        int d = x.Columns;
        int maxFeatures = Math.Clamp(options.MaxFeatures ?? Math.Max(1, (int)Math.Sqrt(d)), 1, d);
        int[] targets = y.ToArray();
        var trees = new TreeBuilder.Tree[options.Trees];
        Parallel.For(0, options.Trees, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            // A fixed mix of (seed, tree): HashCode is randomised per process and would break reproducibility.
            var random = new Random(TreeSeed(options.Seed, t));
            var weights = new double[x.Rows];
            if (options.Bootstrap)
            {
                for (int i = 0; i < x.Rows; i++)
                {
                    weights[random.Next(x.Rows)] += 1;
                }
            }
            else
            {
                Array.Fill(weights, 1.0);
            }

            trees[t] = new TreeBuilder(x, targets, weights, classCount, maxFeatures, options.MaxDepth ?? int.MaxValue,
                options.MinSamplesSplit, options.MinSamplesLeaf, random).Build();
        });

        int total = trees.Sum(t => t.Feature.Count);
        var starts = new int[trees.Length + 1];
        var feature = new int[total];
        var threshold = new double[total];
        var left = new int[total];
        var right = new int[total];
        var value = new double[total * classCount];
        int offset = 0;
        for (int t = 0; t < trees.Length; t++)
        {
            starts[t] = offset;
            var tree = trees[t];
            for (int n = 0; n < tree.Feature.Count; n++)
            {
                feature[offset + n] = tree.Feature[n];
                threshold[offset + n] = tree.Threshold[n];
                left[offset + n] = tree.Left[n] < 0 ? -1 : tree.Left[n] + offset;
                right[offset + n] = tree.Right[n] < 0 ? -1 : tree.Right[n] + offset;
                tree.Value[n].CopyTo(value, (offset + n) * classCount);
            }

            offset += tree.Feature.Count;
        }

        starts[trees.Length] = offset;
        return new RandomForest(starts, feature, threshold, left, right, value, d, classCount);
    }

    /// <summary>SplitMix64 finaliser of (seed, tree index), folded to a non-negative int.</summary>
    internal static int TreeSeed(int seed, int tree)
    {
        ulong z = ((ulong)(uint)seed << 32) + (uint)tree + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>Mean leaf class distribution over trees, rows × K.</summary>
    public override double[] PredictScores(FeatureMatrix x)
    {
        CheckColumns(x);
        int k = _classCount;
        var result = new double[x.Rows * k];
        int trees = TreeCount;
        for (int r = 0; r < x.Rows; r++)
        {
            var sample = x.Row(r);
            var scores = result.AsSpan(r * k, k);
            for (int t = 0; t < trees; t++)
            {
                int node = _treeStarts[t];
                while (_feature[node] >= 0)
                {
                    node = sample[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
                }

                var leaf = _value.AsSpan(node * k, k);
                for (int c = 0; c < k; c++)
                {
                    scores[c] += leaf[c];
                }
            }

            for (int c = 0; c < k; c++)
            {
                scores[c] /= trees;
            }
        }

        return result;
    }

    internal override void Export(JsonObject header, ModelTensors tensors)
    {
        header["class_count"] = _classCount;
        header["feature_count"] = _features;
        int n = _feature.Length;
        tensors.Add("tree_starts", _treeStarts, _treeStarts.Length);
        tensors.Add("node_feature", _feature, n);
        tensors.Add("node_threshold", _threshold, n);
        tensors.Add("node_left", _left, n);
        tensors.Add("node_right", _right, n);
        tensors.Add("node_value", _value, n, _classCount);
    }

    internal static RandomForest Import(JsonObject header, ModelTensors tensors)
    {
        int k = ModelTensors.HeaderInt(header, "class_count", 2, 100_000);
        int d = ModelTensors.HeaderInt(header, "feature_count", 1, 1 << 24);
        if (!tensors.TryGet("tree_starts", out int[] startShape, out _, out _) || startShape.Length != 1 || startShape[0] < 2 ||
            !tensors.TryGet("node_feature", out int[] nodeShape, out _, out _) || nodeShape.Length != 1)
        {
            throw new ClassicalModelFormatException("tree_starts/node_feature are missing or malformed");
        }

        int n = nodeShape[0];
        int[] starts = tensors.Ints("tree_starts", startShape[0]);
        int[] feature = tensors.Ints("node_feature", n);
        int[] left = tensors.Ints("node_left", n);
        int[] right = tensors.Ints("node_right", n);
        double[] threshold = tensors.Doubles("node_threshold", n);
        double[] value = tensors.Doubles("node_value", n, k);

        // Children must lie inside their own tree and after their parent, so traversal always ends.
        for (int t = 0; t + 1 < starts.Length; t++)
        {
            if (starts[t] < 0 || starts[t] >= starts[t + 1] || starts[t + 1] > n)
            {
                throw new ClassicalModelFormatException("tree_starts is not increasing within the node count");
            }

            for (int node = starts[t]; node < starts[t + 1]; node++)
            {
                if (feature[node] >= d || (feature[node] >= 0 &&
                    (left[node] <= node || right[node] <= node || left[node] >= starts[t + 1] || right[node] >= starts[t + 1])))
                {
                    throw new ClassicalModelFormatException($"node {node} has an invalid feature or child index");
                }
            }
        }

        if (starts[^1] != n)
        {
            throw new ClassicalModelFormatException("tree_starts does not end at the node count");
        }

        return new RandomForest(starts, feature, threshold, left, right, value, d, k);
    }
}
