using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical.Neighbors;

/// <summary>How neighbours vote.</summary>
public enum NeighborWeighting
{
    /// <summary>Every neighbour counts once.</summary>
    Uniform,

    /// <summary>Neighbours count 1/distance; exact matches (distance 0) take all the weight.</summary>
    Distance,
}

/// <summary>Settings of the k-nearest-neighbour classifier (Euclidean distance; defaults as scikit-learn).</summary>
public sealed record KNearestNeighborsOptions : ClassifierOptions
{
    /// <inheritdoc />
    public override string Kind => "knn";

    /// <summary>Number of neighbours k ≥ 1 (capped at the training size). Default 5.</summary>
    public int Neighbors { get; init; } = 5;

    /// <summary>Vote weighting. Default uniform.</summary>
    public NeighborWeighting Weighting { get; init; } = NeighborWeighting.Uniform;

    /// <summary>Stores the training set in a <see cref="KNearestNeighbors"/>.</summary>
    public override ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount) => KNearestNeighbors.Fit(x, y, classCount, this);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"knn(k={Neighbors}, weights={(Weighting == NeighborWeighting.Uniform ? "uniform" : "distance")})");
}

/// <summary>Brute-force k-nearest-neighbour classifier; scores are the (weighted) vote fractions.</summary>
public sealed class KNearestNeighbors : ClassicalClassifier
{
    private readonly FeatureMatrix _x;
    private readonly int[] _y;
    private readonly int _classCount;
    private readonly int _k;
    private readonly NeighborWeighting _weighting;

    private KNearestNeighbors(FeatureMatrix x, int[] y, int classCount, int k, NeighborWeighting weighting)
    {
        _x = x;
        _y = y;
        _classCount = classCount;
        _k = Math.Min(k, x.Rows);
        _weighting = weighting;
    }

    /// <inheritdoc />
    public override string Kind => "knn";

    /// <inheritdoc />
    public override int FeatureCount => _x.Columns;

    /// <inheritdoc />
    public override int ClassCount => _classCount;

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => true;

    /// <summary>Stores a copy of the training data.</summary>
    /// <exception cref="ArgumentException">Bad options or data.</exception>
    public static KNearestNeighbors Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount, KNearestNeighborsOptions options)
    {
        Guard.NotNull(options);
        Guard.MustBePositive(options.Neighbors);
        ClassifierOptions.CheckTrainingData(x, y, classCount);
        return new KNearestNeighbors(x.Clone(), y.ToArray(), classCount, options.Neighbors, options.Weighting);
    }

    /// <summary>Vote fractions per class, rows × K (ties in distance keep the earlier training row).</summary>
    public override double[] PredictScores(FeatureMatrix x)
    {
        CheckColumns(x);
        var result = new double[x.Rows * _classCount];
        var distances = new double[_x.Rows];
        var bestDistance = new double[_k];
        var bestIndex = new int[_k];
        var difference = new double[_x.Columns];
        for (int r = 0; r < x.Rows; r++)
        {
            var sample = x.Row(r);
            for (int t = 0; t < _x.Rows; t++)
            {
                TensorPrimitives.Subtract(_x.Row(t), sample, difference);
                distances[t] = TensorPrimitives.Dot<double>(difference, difference);
            }

            int found = 0;
            for (int t = 0; t < _x.Rows; t++)
            {
                double dist = distances[t];
                if (found == _k && dist >= bestDistance[_k - 1])
                {
                    continue;
                }

                int pos = found < _k ? found++ : _k - 1;
                while (pos > 0 && bestDistance[pos - 1] > dist)
                {
                    bestDistance[pos] = bestDistance[pos - 1];
                    bestIndex[pos] = bestIndex[pos - 1];
                    pos--;
                }

                bestDistance[pos] = dist;
                bestIndex[pos] = t;
            }

            var votes = result.AsSpan(r * _classCount, _classCount);
            bool exact = _weighting == NeighborWeighting.Distance && bestDistance[0] == 0;
            for (int n = 0; n < found; n++)
            {
                double weight = _weighting == NeighborWeighting.Uniform ? 1
                    : exact ? (bestDistance[n] == 0 ? 1 : 0)
                    : 1 / Math.Sqrt(bestDistance[n]);
                votes[_y[bestIndex[n]]] += weight;
            }

            double total = TensorPrimitives.Sum<double>(votes);
            TensorPrimitives.Divide(votes, total, votes);
        }

        return result;
    }

    internal override void Export(JsonObject header, ModelTensors tensors)
    {
        header["class_count"] = _classCount;
        header["feature_count"] = FeatureCount;
        header["neighbors"] = _k;
        header["weights"] = _weighting == NeighborWeighting.Uniform ? "uniform" : "distance";
        tensors.Add("train_x", _x.Data.ToArray(), _x.Rows, _x.Columns);
        tensors.Add("train_y", _y, _y.Length);
    }

    internal static KNearestNeighbors Import(JsonObject header, ModelTensors tensors)
    {
        int k = ModelTensors.HeaderInt(header, "class_count", 2, 100_000);
        int d = ModelTensors.HeaderInt(header, "feature_count", 1, 1 << 24);
        int neighbors = ModelTensors.HeaderInt(header, "neighbors", 1, int.MaxValue);
        var weighting = ModelTensors.HeaderString(header, "weights") switch
        {
            "uniform" => NeighborWeighting.Uniform,
            "distance" => NeighborWeighting.Distance,
            var w => throw new ClassicalModelFormatException($"unknown weights '{w}'"),
        };
        if (!tensors.TryGet("train_y", out int[] shape, out _, out _) || shape.Length != 1 || shape[0] < 1)
        {
            throw new ClassicalModelFormatException("tensor 'train_y' is missing or not a non-empty vector");
        }

        int n = shape[0];
        int[] y = tensors.Ints("train_y", n);
        if (y.Any(v => (uint)v >= (uint)k))
        {
            throw new ClassicalModelFormatException("train_y holds a class index out of range");
        }

        return new KNearestNeighbors(new FeatureMatrix(tensors.Doubles("train_x", n, d), n, d), y, k, neighbors, weighting);
    }
}
