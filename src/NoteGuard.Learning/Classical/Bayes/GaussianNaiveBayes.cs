using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical.Bayes;

/// <summary>Settings of Gaussian naive Bayes (scikit-learn's <c>GaussianNB</c>).</summary>
public sealed record GaussianNaiveBayesOptions : ClassifierOptions
{
    /// <inheritdoc />
    public override string Kind => "naive-bayes";

    /// <summary>Fraction of the largest feature variance added to every variance for stability (≥ 0). Default 1e-9.</summary>
    public double VarianceSmoothing { get; init; } = 1e-9;

    /// <summary>Fits a <see cref="GaussianNaiveBayes"/>.</summary>
    public override ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount) => GaussianNaiveBayes.Fit(x, y, classCount, this);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"naive-bayes(var_smoothing={VarianceSmoothing})");
}

/// <summary>Gaussian naive Bayes: per-class feature means and variances, class priors from frequencies.</summary>
public sealed class GaussianNaiveBayes : ClassicalClassifier
{
    private readonly double[] _mean;     // K × d
    private readonly double[] _variance; // K × d, smoothing included
    private readonly double[] _logPrior; // K
    private readonly int _features;

    private GaussianNaiveBayes(double[] mean, double[] variance, double[] logPrior, int features)
    {
        _mean = mean;
        _variance = variance;
        _logPrior = logPrior;
        _features = features;
    }

    /// <inheritdoc />
    public override string Kind => "naive-bayes";

    /// <inheritdoc />
    public override int FeatureCount => _features;

    /// <inheritdoc />
    public override int ClassCount => _logPrior.Length;

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => true;

    /// <summary>Per-class means, K × d (scikit-learn's <c>theta_</c>).</summary>
    public ReadOnlySpan<double> Means => _mean;

    /// <summary>Per-class variances with smoothing, K × d (scikit-learn's <c>var_</c>).</summary>
    public ReadOnlySpan<double> Variances => _variance;

    /// <summary>Fits means, variances (population) and priors.</summary>
    /// <exception cref="ArgumentException">Bad data, or a class without rows.</exception>
    public static GaussianNaiveBayes Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount, GaussianNaiveBayesOptions options)
    {
        Guard.NotNull(options);
        Guard.MustBeNonNegative(options.VarianceSmoothing);
        ClassifierOptions.CheckTrainingData(x, y, classCount);
        int d = x.Columns;
        var counts = new double[classCount];
        var mean = new double[classCount * d];
        var variance = new double[classCount * d];
        for (int r = 0; r < x.Rows; r++)
        {
            counts[y[r]]++;
            TensorPrimitives.Add(mean.AsSpan(y[r] * d, d), x.Row(r), mean.AsSpan(y[r] * d, d));
        }

        for (int c = 0; c < classCount; c++)
        {
            Guard.IsTrue(counts[c] > 0, $"class {c} has no training samples", nameof(y));
            TensorPrimitives.Divide(mean.AsSpan(c * d, d), counts[c], mean.AsSpan(c * d, d));
        }

        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            for (int f = 0; f < d; f++)
            {
                double diff = row[f] - mean[(y[r] * d) + f];
                variance[(y[r] * d) + f] += diff * diff;
            }
        }

        // epsilon = var_smoothing × the largest per-feature variance of the whole training set.
        double maxVariance = 0;
        for (int f = 0; f < d; f++)
        {
            double m = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                m += x[r, f];
            }

            m /= x.Rows;
            double v = 0;
            for (int r = 0; r < x.Rows; r++)
            {
                v += (x[r, f] - m) * (x[r, f] - m);
            }

            maxVariance = Math.Max(maxVariance, v / x.Rows);
        }

        double epsilon = options.VarianceSmoothing * maxVariance;
        var logPrior = new double[classCount];
        for (int c = 0; c < classCount; c++)
        {
            for (int f = 0; f < d; f++)
            {
                variance[(c * d) + f] = (variance[(c * d) + f] / counts[c]) + epsilon;
            }

            logPrior[c] = Math.Log(counts[c] / x.Rows);
        }

        if (variance.Any(v => !(v > 0)))
        {
            // A constant feature within a class with zero smoothing: keep the density finite.
            for (int i = 0; i < variance.Length; i++)
            {
                variance[i] = Math.Max(variance[i], double.Epsilon * 1e10);
            }
        }

        return new GaussianNaiveBayes(mean, variance, logPrior, d);
    }

    /// <summary>Posterior class probabilities, rows × K.</summary>
    public override double[] PredictScores(FeatureMatrix x)
    {
        CheckColumns(x);
        int k = ClassCount;
        int d = _features;
        var result = new double[x.Rows * k];
        var joint = new double[k];
        for (int r = 0; r < x.Rows; r++)
        {
            var sample = x.Row(r);
            for (int c = 0; c < k; c++)
            {
                double sum = _logPrior[c];
                for (int f = 0; f < d; f++)
                {
                    double v = _variance[(c * d) + f];
                    double diff = sample[f] - _mean[(c * d) + f];
                    sum -= 0.5 * (Math.Log(2 * Math.PI * v) + (diff * diff / v));
                }

                joint[c] = sum;
            }

            TensorPrimitives.SoftMax(joint, result.AsSpan(r * k, k));
        }

        return result;
    }

    internal override void Export(JsonObject header, ModelTensors tensors)
    {
        header["class_count"] = ClassCount;
        header["feature_count"] = _features;
        tensors.Add("theta", _mean, ClassCount, _features);
        tensors.Add("var", _variance, ClassCount, _features);
        tensors.Add("log_prior", _logPrior, ClassCount);
    }

    internal static GaussianNaiveBayes Import(JsonObject header, ModelTensors tensors)
    {
        int k = ModelTensors.HeaderInt(header, "class_count", 2, 100_000);
        int d = ModelTensors.HeaderInt(header, "feature_count", 1, 1 << 24);
        double[] variance = tensors.Doubles("var", k, d);
        if (variance.Any(v => !(v > 0) || !double.IsFinite(v)))
        {
            throw new ClassicalModelFormatException("var must hold finite positive values");
        }

        return new GaussianNaiveBayes(tensors.Doubles("theta", k, d), variance, tensors.Doubles("log_prior", k), d);
    }
}
