using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical.Linear;

/// <summary>
/// Settings of L2-regularised logistic regression (scikit-learn's <c>LogisticRegression</c>, penalty l2,
/// multinomial for more than two classes). The objective is C Σ log-loss + ½‖W‖² with an unpenalised intercept.
/// </summary>
public sealed record LogisticRegressionOptions : ClassifierOptions
{
    /// <inheritdoc />
    public override string Kind => "logreg";

    /// <summary>Inverse regularisation strength C &gt; 0. Default 1.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Newton iterations at most (1..10000). Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest gradient component falls below this (&gt; 0). Default 1e-8.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Trains a <see cref="LogisticRegression"/>.</summary>
    public override ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount) => LogisticRegression.Fit(x, y, classCount, this);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"logreg(C={C})");
}

/// <summary>
/// A fitted logistic regression: one weight vector (binary, σ(w·x + b) = P(class 1)) or one per class
/// (multinomial softmax). Fitted by Newton's method with a backtracking line search on the exact Hessian,
/// so it reaches the unique optimum that scikit-learn's lbfgs approaches.
/// </summary>
public sealed class LogisticRegression : ClassicalClassifier
{
    private readonly double[] _weights;   // rows × d
    private readonly double[] _intercepts; // rows
    private readonly int _rows;
    private readonly int _features;
    private readonly int _classCount;

    private LogisticRegression(double[] weights, double[] intercepts, int features, int classCount)
    {
        _weights = weights;
        _intercepts = intercepts;
        _rows = intercepts.Length;
        _features = features;
        _classCount = classCount;
    }

    /// <inheritdoc />
    public override string Kind => "logreg";

    /// <inheritdoc />
    public override int FeatureCount => _features;

    /// <inheritdoc />
    public override int ClassCount => _classCount;

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => true;

    /// <summary>Weights, row-major: 1 × d for two classes (scikit-learn's <c>coef_</c>), K × d otherwise.</summary>
    public ReadOnlySpan<double> Coefficients => _weights;

    /// <summary>Intercepts: 1 for two classes, K otherwise (scikit-learn's <c>intercept_</c>).</summary>
    public ReadOnlySpan<double> Intercepts => _intercepts;

    /// <summary>Trains by Newton's method.</summary>
    /// <exception cref="ArgumentException">Bad options or data.</exception>
    public static LogisticRegression Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount, LogisticRegressionOptions options)
    {
        Guard.NotNull(options);
        Guard.MustBePositive(options.C);
        Guard.MustBeBetween(options.MaxIterations, 1, 10_000);
        Guard.MustBePositive(options.Tolerance);
        ClassifierOptions.CheckTrainingData(x, y, classCount);
        int rows = classCount == 2 ? 1 : classCount;
        int d = x.Columns;
        int block = d + 1;
        int size = rows * block;
        var theta = new double[size];
        var gradient = new double[size];
        var hessian = new double[size * size];
        var step = new double[size];
        var trial = new double[size];
        int[] targets = y.ToArray();
        double objective = Evaluate(x, targets, theta, rows, options.C, gradient, hessian);
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            if (Math.Abs(TensorPrimitives.MaxMagnitude<double>(gradient)) < options.Tolerance)
            {
                break;
            }

            SolveSymmetric(hessian, gradient, step, size);
            double slope = TensorPrimitives.Dot<double>(gradient, step);
            double t = 1;
            bool accepted = false;
            while (t > 1e-12)
            {
                for (int i = 0; i < size; i++)
                {
                    trial[i] = theta[i] - (t * step[i]);
                }

                double value = Evaluate(x, targets, trial, rows, options.C, null, null);
                if (value <= objective - (1e-4 * t * slope))
                {
                    accepted = true;
                    break;
                }

                t /= 2;
            }

            if (!accepted)
            {
                break;
            }

            trial.CopyTo(theta, 0);
            objective = Evaluate(x, targets, theta, rows, options.C, gradient, hessian);
        }

        var weights = new double[rows * d];
        var intercepts = new double[rows];
        for (int k = 0; k < rows; k++)
        {
            theta.AsSpan(k * block, d).CopyTo(weights.AsSpan(k * d, d));
            intercepts[k] = theta[(k * block) + d];
        }

        return new LogisticRegression(weights, intercepts, d, classCount);
    }

    /// <summary>Class probabilities, rows × K.</summary>
    public override double[] PredictScores(FeatureMatrix x)
    {
        CheckColumns(x);
        var result = new double[x.Rows * _classCount];
        Span<double> z = stackalloc double[Math.Min(_rows, 256)];
        var zBuffer = _rows <= 256 ? z[.._rows] : new double[_rows];
        for (int r = 0; r < x.Rows; r++)
        {
            var sample = x.Row(r);
            for (int k = 0; k < _rows; k++)
            {
                zBuffer[k] = TensorPrimitives.Dot(_weights.AsSpan(k * _features, _features), sample) + _intercepts[k];
            }

            var p = result.AsSpan(r * _classCount, _classCount);
            if (_rows == 1)
            {
                p[1] = Sigmoid(zBuffer[0]);
                p[0] = 1 - p[1];
            }
            else
            {
                TensorPrimitives.SoftMax(zBuffer, p);
            }
        }

        return result;
    }

    internal override void Export(JsonObject header, ModelTensors tensors)
    {
        header["class_count"] = _classCount;
        header["feature_count"] = _features;
        tensors.Add("coef", _weights, _rows, _features);
        tensors.Add("intercept", _intercepts, _rows);
    }

    internal static LogisticRegression Import(JsonObject header, ModelTensors tensors)
    {
        int k = ModelTensors.HeaderInt(header, "class_count", 2, 100_000);
        int d = ModelTensors.HeaderInt(header, "feature_count", 1, 1 << 24);
        int rows = k == 2 ? 1 : k;
        return new LogisticRegression(tensors.Doubles("coef", rows, d), tensors.Doubles("intercept", rows), d, k);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>Objective C Σ loss + ½‖W‖²; fills gradient and Hessian when given.</summary>
    private static double Evaluate(FeatureMatrix x, int[] y, double[] theta, int rows, double c, double[]? gradient, double[]? hessian)
    {
        int d = x.Columns;
        int block = d + 1;
        int size = rows * block;
        double loss = 0;
        if (gradient is not null)
        {
            Array.Clear(gradient);
            Array.Clear(hessian!);
        }

        var z = new double[rows];
        var p = new double[rows];
        var features = new double[block];
        features[d] = 1;
        for (int i = 0; i < x.Rows; i++)
        {
            x.Row(i).CopyTo(features);
            for (int k = 0; k < rows; k++)
            {
                z[k] = TensorPrimitives.Dot(theta.AsSpan(k * block, block), features);
            }

            if (rows == 1)
            {
                double s = y[i] == 1 ? z[0] : -z[0];
                loss += s >= 0 ? Math.Log(1 + Math.Exp(-s)) : -s + Math.Log(1 + Math.Exp(s));
                p[0] = Sigmoid(z[0]);
            }
            else
            {
                double max = TensorPrimitives.Max<double>(z);
                double sum = 0;
                for (int k = 0; k < rows; k++)
                {
                    sum += Math.Exp(z[k] - max);
                }

                loss += max + Math.Log(sum) - z[y[i]];
                for (int k = 0; k < rows; k++)
                {
                    p[k] = Math.Exp(z[k] - max) / sum;
                }
            }

            if (gradient is null)
            {
                continue;
            }

            for (int k = 0; k < rows; k++)
            {
                double target = rows == 1 ? (y[i] == 1 ? 1 : 0) : (y[i] == k ? 1 : 0);
                double residual = c * (p[k] - target);
                TensorPrimitives.MultiplyAdd(features, residual, gradient.AsSpan(k * block, block), gradient.AsSpan(k * block, block));
                for (int l = k; l < rows; l++)
                {
                    double w = rows == 1 ? c * p[0] * (1 - p[0]) : c * p[k] * ((k == l ? 1 : 0) - p[l]);
                    if (w == 0)
                    {
                        continue;
                    }

                    for (int a = 0; a < block; a++)
                    {
                        var hRow = hessian.AsSpan(((k * block) + a) * size, size);
                        TensorPrimitives.MultiplyAdd(features, w * features[a], hRow.Slice(l * block, block), hRow.Slice(l * block, block));
                    }
                }
            }
        }

        double penalty = 0;
        for (int k = 0; k < rows; k++)
        {
            var w = theta.AsSpan(k * block, d);
            penalty += 0.5 * TensorPrimitives.Dot<double>(w, w);
            if (gradient is not null)
            {
                TensorPrimitives.Add(gradient.AsSpan(k * block, d), w, gradient.AsSpan(k * block, d));
                for (int a = 0; a < d; a++)
                {
                    hessian![(((k * block) + a) * size) + (k * block) + a] += 1;
                }
            }
        }

        if (hessian is not null)
        {
            // Only blocks l ≥ k were accumulated; mirror them.
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if ((j / block) < (i / block))
                    {
                        hessian[(i * size) + j] = hessian[(j * size) + i];
                    }
                }
            }
        }

        return (c * loss) + penalty;
    }

    /// <summary>
    /// Solves H s = g by Cholesky with a tiny ridge (the multinomial intercepts make H singular along Σ b = 0's
    /// normal; g has no component there, so the ridge does not move the solution off it).
    /// </summary>
    private static void SolveSymmetric(double[] h, double[] g, double[] s, int n)
    {
        var l = new double[n * n];
        double ridge = 1e-10 * Math.Max(1, Math.Abs(TensorPrimitives.MaxMagnitude<double>(h)));
        for (int attempt = 0; attempt < 8; attempt++, ridge *= 100)
        {
            if (Cholesky(h, l, n, ridge))
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = g[i];
                    for (int k = 0; k < i; k++)
                    {
                        sum -= l[(i * n) + k] * s[k];
                    }

                    s[i] = sum / l[(i * n) + i];
                }

                for (int i = n - 1; i >= 0; i--)
                {
                    double sum = s[i];
                    for (int k = i + 1; k < n; k++)
                    {
                        sum -= l[(k * n) + i] * s[k];
                    }

                    s[i] = sum / l[(i * n) + i];
                }

                return;
            }
        }

        g.CopyTo(s, 0); // gradient step as a last resort
    }

    private static bool Cholesky(double[] a, double[] l, int n, double ridge)
    {
        Array.Clear(l);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * n) + j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        return true;
    }
}
