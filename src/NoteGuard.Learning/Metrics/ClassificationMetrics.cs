namespace NoteGuard.Learning.Metrics;

/// <summary>Options of <see cref="ClassificationMetrics.Evaluate"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Bootstrap resamples for the F1 and AUC intervals (0 disables them). Default 1000.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>Seed of the bootstrap resampling. Default 0.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// Classification metrics with scikit-learn's definitions: accuracy, per-class and macro/weighted
/// precision, recall and F1, ROC-AUC, MCC, confusion matrix, and 95% confidence intervals.
/// Classes are indices 0..K−1.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>z for a two-sided 95% interval.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>Everything at once, as a serialisable report.</summary>
    /// <param name="truth">True class per sample.</param>
    /// <param name="predicted">Predicted class per sample.</param>
    /// <param name="scores">Optional per-class scores, row-major samples × K (probabilities or decision scores; higher = more likely).</param>
    /// <param name="labels">Label names, K of them.</param>
    /// <param name="split">Description of how the evaluated samples were split off.</param>
    /// <param name="options">Bootstrap settings; null for defaults.</param>
    /// <exception cref="ArgumentException">Lengths disagree or a class index is out of range.</exception>
    public static ClassificationReport Evaluate(
        ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, ReadOnlySpan<double> scores, IReadOnlyList<string> labels, string split,
        EvaluationOptions? options = null)
    {
        Guard.NotNull(labels);
        Guard.NotNull(split);
        options ??= new EvaluationOptions();
        Guard.MustBeNonNegative(options.BootstrapSamples);
        int k = labels.Count;
        var confusion = ConfusionMatrix(truth, predicted, k);
        var perClass = PerClass(confusion);
        double? auc = scores.IsEmpty ? null : RocAuc(truth, scores, k);
        int n = truth.Length;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }

        var (lo, hi) = WilsonInterval(correct, n);
        double[]? f1Interval = null;
        double[]? aucInterval = null;
        if (options.BootstrapSamples > 0 && n > 0)
        {
            (f1Interval, aucInterval) = Bootstrap(truth, predicted, scores, k, options.BootstrapSamples, options.Seed);
        }

        int[][] jagged = new int[k][];
        for (int t = 0; t < k; t++)
        {
            jagged[t] = new int[k];
            for (int p = 0; p < k; p++)
            {
                jagged[t][p] = confusion[t, p];
            }
        }

        return new ClassificationReport
        {
            Accuracy = n == 0 ? 0 : (double)correct / n,
            MacroF1 = perClass.Average(c => c.F1),
            WeightedF1 = n == 0 ? 0 : perClass.Sum(c => c.F1 * c.Support) / n,
            Auc = auc,
            Mcc = Mcc(confusion),
            Confusion = jagged,
            Labels = [.. labels],
            PerClass = [.. perClass.Select((c, i) => new ClassMetrics(labels[i], c.Precision, c.Recall, c.F1, c.Support))],
            Ci95 = new ConfidenceIntervals([lo, hi], f1Interval, aucInterval, options.BootstrapSamples, options.Seed),
            Split = split,
            Samples = n,
        };
    }

    /// <summary><c>confusion[t, p]</c> = number of samples of true class t predicted as p.</summary>
    /// <exception cref="ArgumentException">Lengths disagree or an index is outside 0..K−1.</exception>
    public static int[,] ConfusionMatrix(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount)
    {
        Guard.IsTrue(truth.Length == predicted.Length, "truth and predictions differ in length", nameof(predicted));
        Guard.MustBePositive(classCount);
        var m = new int[classCount, classCount];
        for (int i = 0; i < truth.Length; i++)
        {
            Guard.IsTrue((uint)truth[i] < (uint)classCount && (uint)predicted[i] < (uint)classCount,
                $"sample {i}: class index outside 0..{classCount - 1}", nameof(truth));
            m[truth[i], predicted[i]]++;
        }

        return m;
    }

    /// <summary>Fraction of equal entries (0 for no samples).</summary>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        Guard.IsTrue(truth.Length == predicted.Length, "truth and predictions differ in length", nameof(predicted));
        int correct = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }

        return truth.Length == 0 ? 0 : (double)correct / truth.Length;
    }

    /// <summary>Per-class precision, recall, F1 and support from a confusion matrix (0/0 → 0).</summary>
    public static (double Precision, double Recall, double F1, int Support)[] PerClass(int[,] confusion)
    {
        Guard.NotNull(confusion);
        int k = confusion.GetLength(0);
        var result = new (double, double, double, int)[k];
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c, c];
            int predictedC = 0;
            int actualC = 0;
            for (int o = 0; o < k; o++)
            {
                predictedC += confusion[o, c];
                actualC += confusion[c, o];
            }

            double precision = predictedC == 0 ? 0 : (double)tp / predictedC;
            double recall = actualC == 0 ? 0 : (double)tp / actualC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result[c] = (precision, recall, f1, actualC);
        }

        return result;
    }

    /// <summary>Macro-averaged F1 (unweighted mean over all K classes).</summary>
    public static double MacroF1(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classCount) =>
        PerClass(ConfusionMatrix(truth, predicted, classCount)).Average(c => c.F1);

    /// <summary>Matthews correlation coefficient of a K × K confusion matrix; 0 when undefined.</summary>
    public static double Mcc(int[,] confusion)
    {
        Guard.NotNull(confusion);
        int k = confusion.GetLength(0);
        double s = 0;
        double c = 0;
        var t = new double[k];
        var p = new double[k];
        for (int i = 0; i < k; i++)
        {
            c += confusion[i, i];
            for (int j = 0; j < k; j++)
            {
                s += confusion[i, j];
                t[i] += confusion[i, j];
                p[j] += confusion[i, j];
            }
        }

        double tp = 0;
        double pp = 0;
        double tt = 0;
        for (int i = 0; i < k; i++)
        {
            tp += t[i] * p[i];
            pp += p[i] * p[i];
            tt += t[i] * t[i];
        }

        double denominator = Math.Sqrt(((s * s) - pp) * ((s * s) - tt));
        return denominator == 0 ? 0 : ((c * s) - tp) / denominator;
    }

    /// <summary>
    /// ROC-AUC: for two classes the AUC of the class-1 score; for more, the unweighted mean of one-vs-rest AUCs.
    /// Null when a class has no positive or no negative samples.
    /// </summary>
    /// <param name="truth">True class per sample.</param>
    /// <param name="scores">Scores, samples × K row-major.</param>
    /// <param name="classCount">K.</param>
    /// <exception cref="ArgumentException">Shapes disagree.</exception>
    public static double? RocAuc(ReadOnlySpan<int> truth, ReadOnlySpan<double> scores, int classCount)
    {
        Guard.IsTrue(scores.Length == (long)truth.Length * classCount, "scores must hold samples × classes values", nameof(scores));
        int n = truth.Length;
        var column = new double[n];
        var positive = new bool[n];
        int first = classCount == 2 ? 1 : 0;
        double sum = 0;
        for (int c = first; c < classCount; c++)
        {
            for (int i = 0; i < n; i++)
            {
                column[i] = scores[(i * classCount) + c];
                positive[i] = truth[i] == c;
            }

            double? auc = BinaryRocAuc(positive, column);
            if (auc is null)
            {
                return null;
            }

            sum += auc.Value;
        }

        return sum / (classCount - first);
    }

    /// <summary>
    /// Area under the ROC curve of <paramref name="score"/> for the positive samples, ties counted half
    /// (the Mann–Whitney U statistic with mid-ranks, equal to the trapezoidal ROC area). Null when either
    /// group is empty.
    /// </summary>
    public static double? BinaryRocAuc(ReadOnlySpan<bool> positive, ReadOnlySpan<double> score)
    {
        Guard.IsTrue(positive.Length == score.Length, "labels and scores differ in length", nameof(score));
        int n = score.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = score.ToArray();
        Array.Sort(keys, order);
        double rankSum = 0;
        long positives = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            double midRank = (start + end + 1) / 2.0; // ranks are 1-based: mean of start+1..end
            for (int t = start; t < end; t++)
            {
                if (positive[order[t]])
                {
                    rankSum += midRank;
                    positives++;
                }
            }

            start = end;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// The ROC curve of <paramref name="score"/> for the positive samples, as scikit-learn's <c>roc_curve</c>: one
    /// point per distinct score (descending), preceded by (0, 0) at threshold +∞ and ending at (1, 1). With
    /// <paramref name="dropIntermediate"/> (the default, as scikit-learn) points on a straight run are dropped, leaving
    /// the corners only. Null when either group is empty.
    /// </summary>
    /// <param name="positive">Whether each sample belongs to the positive class.</param>
    /// <param name="score">Score per sample; higher means more likely positive.</param>
    /// <param name="dropIntermediate">Drop collinear points that do not change the curve's shape.</param>
    /// <exception cref="ArgumentException">Lengths disagree.</exception>
    public static RocCurve? BinaryRocCurve(ReadOnlySpan<bool> positive, ReadOnlySpan<double> score, bool dropIntermediate = true)
    {
        Guard.IsTrue(positive.Length == score.Length, "labels and scores differ in length", nameof(score));
        int n = score.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -score[i]; // ascending sort of the negated score = descending score
            order[i] = i;
        }

        Array.Sort(keys, order);
        var fps = new List<long> { 0 };
        var tps = new List<long> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        long tp = 0;
        long fp = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && keys[end] == keys[start])
            {
                if (positive[order[end]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                end++;
            }

            fps.Add(fp);
            tps.Add(tp);
            thresholds.Add(-keys[start]);
            start = end;
        }

        if (tp == 0 || fp == 0)
        {
            return null;
        }

        var keep = new List<int>(fps.Count);
        for (int i = 0; i < fps.Count; i++)
        {
            // A point is a corner when the second difference of either count is non-zero (scikit-learn's test,
            // which always keeps the first and last score points; index 0 is the prepended origin).
            bool corner = i <= 1 || i == fps.Count - 1
                || (fps[i + 1] - (2 * fps[i]) + fps[i - 1]) != 0
                || (tps[i + 1] - (2 * tps[i]) + tps[i - 1]) != 0;
            if (corner || !dropIntermediate)
            {
                keep.Add(i);
            }
        }

        return new RocCurve(
            [.. keep.Select(i => (double)fps[i] / fp)],
            [.. keep.Select(i => (double)tps[i] / tp)],
            [.. keep.Select(i => thresholds[i])]);
    }

    /// <summary>Wilson score interval for a binomial proportion at 95% (z = 1.96); [0, 1] for n = 0.</summary>
    public static (double Low, double High) WilsonInterval(int successes, int trials)
    {
        Guard.MustBeNonNegative(successes);
        Guard.IsTrue(successes <= trials, "successes cannot exceed trials", nameof(successes));
        if (trials == 0)
        {
            return (0, 1);
        }

        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static (double[]? F1, double[]? Auc) Bootstrap(
        ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, ReadOnlySpan<double> scores, int k, int samples, int seed)
    {
        int n = truth.Length;
        var random = new Random(seed);
        var f1s = new List<double>(samples);
        var aucs = new List<double>(samples);
        var t = new int[n];
        var p = new int[n];
        var s = scores.IsEmpty ? null : new double[n * k];
        for (int b = 0; b < samples; b++)
        {
            for (int i = 0; i < n; i++)
            {
                int pick = random.Next(n);
                t[i] = truth[pick];
                p[i] = predicted[pick];
                if (s is not null)
                {
                    scores.Slice(pick * k, k).CopyTo(s.AsSpan(i * k, k));
                }
            }

            f1s.Add(MacroF1(t, p, k));
            if (s is not null && RocAuc(t, s, k) is double auc)
            {
                aucs.Add(auc);
            }
        }

        return (Percentiles(f1s), aucs.Count > 0 ? Percentiles(aucs) : null);
    }

    /// <summary>2.5th and 97.5th percentiles with linear interpolation (numpy's default).</summary>
    private static double[] Percentiles(List<double> values)
    {
        values.Sort();
        return [Quantile(values, 0.025), Quantile(values, 0.975)];
    }

    private static double Quantile(List<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
