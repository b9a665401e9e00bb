using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// A fitted C-support-vector classifier: one binary SVM per pair of classes (one-vs-one, LIBSVM's layout),
/// prediction by voting, optional Platt-scaled probabilities.
/// </summary>
/// <remarks>
/// Layout (as LIBSVM and scikit-learn): support vectors grouped by class in class order; for the pair
/// (i, j) the decision is Σ_{s∈SV(i)} coef[j−1, s] K(s, x) + Σ_{s∈SV(j)} coef[i, s] K(s, x) − ρ_p,
/// positive votes for class i.
/// </remarks>
public sealed class SvmClassifier : ClassicalClassifier
{
    private readonly FeatureMatrix _supportVectors;
    private readonly double[] _supportSquares;
    private readonly double[] _coefficients; // (K−1) × nSV
    private readonly double[] _rho;          // K(K−1)/2
    private readonly int[] _supportCounts;   // per class
    private readonly int[] _supportStarts;
    private readonly double[]? _probA;
    private readonly double[]? _probB;
    private readonly KernelFunction _kernel;
    private readonly int _classCount;

    private SvmClassifier(
        SvmKernel kernel, double gamma, int degree, double coef0, int classCount, FeatureMatrix supportVectors,
        int[] supportIndices, int[] supportCounts, double[] coefficients, double[] rho, double[]? probA, double[]? probB)
    {
        Kernel = kernel;
        Gamma = gamma;
        Degree = degree;
        Coef0 = coef0;
        _kernel = new KernelFunction(kernel, gamma, coef0, degree);
        _classCount = classCount;
        _supportVectors = supportVectors;
        SupportIndices = supportIndices;
        _supportCounts = supportCounts;
        _coefficients = coefficients;
        _rho = rho;
        _probA = probA;
        _probB = probB;
        _supportStarts = new int[classCount];
        for (int c = 1; c < classCount; c++)
        {
            _supportStarts[c] = _supportStarts[c - 1] + supportCounts[c - 1];
        }

        _supportSquares = new double[supportVectors.Rows];
        for (int s = 0; s < supportVectors.Rows; s++)
        {
            var row = supportVectors.Row(s);
            _supportSquares[s] = KernelFunction.Dot(row, row);
        }
    }

    /// <inheritdoc />
    public override string Kind => "svm";

    /// <inheritdoc />
    public override int FeatureCount => _supportVectors.Columns;

    /// <inheritdoc />
    public override int ClassCount => _classCount;

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => _probA is not null;

    /// <summary>The kernel.</summary>
    public SvmKernel Kernel { get; }

    /// <summary>The γ actually used (after resolving "scale").</summary>
    public double Gamma { get; }

    /// <summary>Polynomial degree.</summary>
    public int Degree { get; }

    /// <summary>Kernel constant term.</summary>
    public double Coef0 { get; }

    /// <summary>Number of support vectors.</summary>
    public int SupportVectorCount => _supportVectors.Rows;

    /// <summary>Support vectors per class (scikit-learn's <c>n_support_</c>).</summary>
    public ReadOnlySpan<int> SupportCounts => _supportCounts;

    /// <summary>Training-row index of each support vector (scikit-learn's <c>support_</c>); empty after loading a model file.</summary>
    public IReadOnlyList<int> SupportIndices { get; }

    /// <summary>Dual coefficients y_i α_i, (K−1) × nSV row-major, LIBSVM orientation (scikit-learn's <c>_dual_coef_</c>).</summary>
    public ReadOnlySpan<double> DualCoefficients => _coefficients;

    /// <summary>Offsets ρ per class pair, LIBSVM orientation (scikit-learn's <c>intercept_</c> is −ρ, negated again for two classes).</summary>
    public ReadOnlySpan<double> Rho => _rho;

    /// <summary>Trains a one-vs-one C-SVC.</summary>
    /// <exception cref="ArgumentException">Bad options or data, or a class without samples.</exception>
    public static SvmClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount, SvmOptions options)
    {
        Guard.NotNull(options);
        options.Validate();
        ClassifierOptions.CheckTrainingData(x, y, classCount);
        double gamma = options.Gamma ?? ScaleGamma(x);
        var kernel = new KernelFunction(options.Kernel, gamma, options.Coef0, options.Degree);
        long cacheBytes = (long)(options.CacheMegabytes * (1 << 20));

        // Group rows by class, keeping input order inside a class (LIBSVM's svm_group_classes with sorted labels).
        var byClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++)
        {
            byClass[c] = [];
        }

        for (int r = 0; r < y.Length; r++)
        {
            byClass[y[r]].Add(r);
        }

        for (int c = 0; c < classCount; c++)
        {
            if (byClass[c].Count == 0)
            {
                ThrowHelper.ThrowArgument($"class {c} has no training samples", nameof(y));
            }
        }

        int pairs = classCount * (classCount - 1) / 2;
        var pairCoefficients = new double[pairs][];
        var rho = new double[pairs];
        double[]? probA = options.Probability ? new double[pairs] : null;
        double[]? probB = options.Probability ? new double[pairs] : null;
        var isSupport = new bool[x.Rows];
        var random = new Random(options.Seed);
        int p = 0;
        for (int i = 0; i < classCount; i++)
        {
            for (int j = i + 1; j < classCount; j++, p++)
            {
                int[] rows = [.. byClass[i], .. byClass[j]];
                var labels = new sbyte[rows.Length];
                for (int k = 0; k < labels.Length; k++)
                {
                    labels[k] = (sbyte)(k < byClass[i].Count ? 1 : -1);
                }
                if (options.Probability)
                {
                    (probA![p], probB![p]) = CrossValidatedSigmoid(x, rows, labels, kernel, options, cacheBytes, random);
                }

                var solution = SmoSolver.SolveCSvc(x, rows, labels, kernel, options.C, options.C, options.Tolerance, options.Shrinking, cacheBytes);
                pairCoefficients[p] = solution.Coefficients;
                rho[p] = solution.Rho;
                for (int k = 0; k < rows.Length; k++)
                {
                    if (solution.Coefficients[k] != 0)
                    {
                        isSupport[rows[k]] = true;
                    }
                }
            }
        }

        // Collect support vectors class by class; position of each training row among them.
        var supportCounts = new int[classCount];
        var supportIndices = new List<int>();
        var position = new int[x.Rows];
        for (int c = 0; c < classCount; c++)
        {
            foreach (int r in byClass[c])
            {
                if (isSupport[r])
                {
                    position[r] = supportIndices.Count;
                    supportIndices.Add(r);
                    supportCounts[c]++;
                }
            }
        }

        int nSv = supportIndices.Count;
        var coefficients = new double[(classCount - 1) * nSv];
        p = 0;
        for (int i = 0; i < classCount; i++)
        {
            for (int j = i + 1; j < classCount; j++, p++)
            {
                int ni = byClass[i].Count;
                for (int k = 0; k < ni; k++)
                {
                    int r = byClass[i][k];
                    if (isSupport[r])
                    {
                        coefficients[((j - 1) * nSv) + position[r]] = pairCoefficients[p][k];
                    }
                }

                for (int k = 0; k < byClass[j].Count; k++)
                {
                    int r = byClass[j][k];
                    if (isSupport[r])
                    {
                        coefficients[(i * nSv) + position[r]] = pairCoefficients[p][ni + k];
                    }
                }
            }
        }

        var supportVectors = x.SelectRows(supportIndices.ToArray());
        return new SvmClassifier(options.Kernel, gamma, options.Degree, options.Coef0, classCount, supportVectors,
            [.. supportIndices], supportCounts, coefficients, rho, probA, probB);
    }

    /// <summary>
    /// scikit-learn's gamma="scale": 1 / (n_features × Var(X)), Var over all values; 1 when Var(X) = 0. The mean
    /// and the variance are summed as numpy sums a contiguous float64 array, so γ is bit-identical to scikit-learn's.
    /// </summary>
    public static double ScaleGamma(FeatureMatrix x)
    {
        Guard.NotNull(x);
        ReadOnlySpan<double> values = x.Data;
        if (values.Length == 0)
        {
            return 1.0;
        }

        double mean = NumpySum(values, double.NaN) / values.Length;
        double variance = NumpySum(values, mean) / values.Length;
        return variance > 0 ? 1.0 / (x.Columns * variance) : 1.0;
    }

    /// <summary>
    /// Σ v (when <paramref name="mean"/> is NaN) or Σ (v − mean)², in numpy's order for np.add.reduce over a
    /// contiguous array: buffered chunks of 8,192 values added left to right, each summed pairwise.
    /// </summary>
    private static double NumpySum(ReadOnlySpan<double> values, double mean)
    {
        const int NumpyBufferSize = 8192;
        double sum = 0;
        for (int start = 0; start < values.Length; start += NumpyBufferSize)
        {
            double chunk = PairwiseSum(values.Slice(start, Math.Min(NumpyBufferSize, values.Length - start)), mean);
            sum = start == 0 ? chunk : sum + chunk;
        }

        return sum;
    }

    /// <summary>numpy's pairwise_sum: blocks of up to 128 with eight interleaved partial sums, halves (multiples of 8) above.</summary>
    private static double PairwiseSum(ReadOnlySpan<double> a, double mean)
    {
        bool squares = !double.IsNaN(mean);
        int n = a.Length;
        if (n < 8)
        {
            double res = -0.0;
            for (int i = 0; i < n; i++)
            {
                res += Term(a[i]);
            }

            return res;
        }

        if (n <= 128)
        {
            // Eight partial sums in locals (a stackalloc here made the JIT compile the method fully optimised on
            // its first call, a millisecond of a cold fit).
            double r0 = Term(a[0]), r1 = Term(a[1]), r2 = Term(a[2]), r3 = Term(a[3]);
            double r4 = Term(a[4]), r5 = Term(a[5]), r6 = Term(a[6]), r7 = Term(a[7]);
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += Term(a[i]);
                r1 += Term(a[i + 1]);
                r2 += Term(a[i + 2]);
                r3 += Term(a[i + 3]);
                r4 += Term(a[i + 4]);
                r5 += Term(a[i + 5]);
                r6 += Term(a[i + 6]);
                r7 += Term(a[i + 7]);
            }

            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += Term(a[i]);
            }

            return res;
        }

        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half], mean) + PairwiseSum(a[half..], mean);

        double Term(double v) => squares ? (v - mean) * (v - mean) : v;
    }

    /// <summary>
    /// The pairwise decision values, row-major (x.Rows × K(K−1)/2), LIBSVM orientation: positive for the
    /// first class of the pair. For two classes scikit-learn's <c>decision_function</c> is the negation.
    /// </summary>
    public double[] DecisionValues(FeatureMatrix x)
    {
        CheckColumns(x);
        int pairs = _rho.Length;
        var result = new double[x.Rows * pairs];
        var kernelValues = new double[SupportVectorCount];
        for (int r = 0; r < x.Rows; r++)
        {
            Decide(x.Row(r), kernelValues, result.AsSpan(r * pairs, pairs));
        }

        return result;
    }

    /// <summary>Predicted classes by one-vs-one voting (ties go to the lower class index, as LIBSVM).</summary>
    public override int[] Predict(FeatureMatrix x)
    {
        double[] decisions = DecisionValues(x);
        int pairs = _rho.Length;
        var result = new int[x.Rows];
        Span<int> votes = _classCount <= 256 ? stackalloc int[_classCount] : new int[_classCount];
        for (int r = 0; r < x.Rows; r++)
        {
            result[r] = Vote(decisions.AsSpan(r * pairs, pairs), votes);
        }

        return result;
    }

    /// <summary>
    /// Probabilities when trained with <see cref="SvmOptions.Probability"/>; otherwise scikit-learn's
    /// one-vs-rest shaped decision scores (votes plus a squashed confidence; for two classes [−d, d]).
    /// </summary>
    public override double[] PredictScores(FeatureMatrix x)
    {
        double[] decisions = DecisionValues(x);
        int pairs = _rho.Length;
        int k = _classCount;
        var scores = new double[x.Rows * k];
        var pairwise = new double[k, k];
        Span<double> confidence = k <= 256 ? stackalloc double[k] : new double[k];
        for (int r = 0; r < x.Rows; r++)
        {
            var d = decisions.AsSpan(r * pairs, pairs);
            var s = scores.AsSpan(r * k, k);
            if (_probA is not null)
            {
                int p = 0;
                for (int i = 0; i < k; i++)
                {
                    for (int j = i + 1; j < k; j++, p++)
                    {
                        pairwise[i, j] = PlattScaling.ClippedSigmoid(d[p], _probA[p], _probB![p]);
                        pairwise[j, i] = 1 - pairwise[i, j];
                    }
                }

                if (k == 2)
                {
                    s[0] = pairwise[0, 1];
                    s[1] = pairwise[1, 0];
                }
                else
                {
                    PlattScaling.Couple(k, pairwise, s);
                }
            }
            else if (k == 2)
            {
                s[0] = d[0];
                s[1] = -d[0];
            }
            else
            {
                confidence.Clear();
                int p = 0;
                for (int i = 0; i < k; i++)
                {
                    for (int j = i + 1; j < k; j++, p++)
                    {
                        confidence[i] += d[p];
                        confidence[j] -= d[p];
                        s[d[p] > 0 ? i : j] += 1;
                    }
                }

                for (int c = 0; c < k; c++)
                {
                    s[c] += confidence[c] / (3 * (Math.Abs(confidence[c]) + 1));
                }
            }
        }

        return scores;
    }

    internal override void Export(JsonObject header, ModelTensors tensors)
    {
        header["kernel"] = SvmOptions.KernelName(Kernel);
        header["gamma"] = Gamma;
        header["degree"] = Degree;
        header["coef0"] = Coef0;
        header["class_count"] = _classCount;
        header["feature_count"] = FeatureCount;
        header["probability"] = _probA is not null;
        int nSv = SupportVectorCount;
        tensors.Add("support_vectors", _supportVectors.Data.ToArray(), nSv, FeatureCount);
        tensors.Add("dual_coef", _coefficients, _classCount - 1, nSv);
        tensors.Add("rho", _rho, _rho.Length);
        tensors.Add("n_support", _supportCounts, _classCount);
        if (_probA is not null)
        {
            tensors.Add("prob_a", _probA, _rho.Length);
            tensors.Add("prob_b", _probB!, _rho.Length);
        }
    }

    internal static SvmClassifier Import(JsonObject header, ModelTensors tensors)
    {
        var kernel = SvmOptions.ParseKernelStored(ModelTensors.HeaderString(header, "kernel"));
        double gamma = ModelTensors.HeaderDouble(header, "gamma");
        int degree = ModelTensors.HeaderInt(header, "degree", 1, 10);
        double coef0 = ModelTensors.HeaderDouble(header, "coef0");
        int k = ModelTensors.HeaderInt(header, "class_count", 2, 100_000);
        int features = ModelTensors.HeaderInt(header, "feature_count", 1, 1 << 24);
        int[] counts = tensors.Ints("n_support", k);
        long total = 0;
        foreach (int c in counts)
        {
            if (c < 0)
            {
                throw new ClassicalModelFormatException("n_support holds a negative count");
            }

            total += c;
        }

        if (total > int.MaxValue / features)
        {
            throw new ClassicalModelFormatException("n_support is too large");
        }

        int nSv = (int)total;
        int pairs = k * (k - 1) / 2;
        double[] sv = tensors.Doubles("support_vectors", nSv, features);
        double[] coef = tensors.Doubles("dual_coef", k - 1, nSv);
        double[] rho = tensors.Doubles("rho", pairs);
        double[]? probA = null;
        double[]? probB = null;
        if (header["probability"]?.GetValue<bool>() == true)
        {
            probA = tensors.Doubles("prob_a", pairs);
            probB = tensors.Doubles("prob_b", pairs);
        }

        return new SvmClassifier(kernel, gamma, degree, coef0, k, new FeatureMatrix(sv, nSv, features), [], counts, coef, rho, probA, probB);
    }

    private void Decide(ReadOnlySpan<double> sample, Span<double> kernelValues, Span<double> decisions)
    {
        if (sample.Length < KernelFunction.ShortRowLength)
        {
            ShortRowKernelValues(sample, kernelValues);
        }
        else
        {
            double square = TensorPrimitives.Dot(sample, sample);
            for (int s = 0; s < kernelValues.Length; s++)
            {
                kernelValues[s] = TensorPrimitives.Dot(_supportVectors.Row(s), sample);
            }

            _kernel.FromDots(kernelValues, _supportSquares, square);
        }

        int nSv = SupportVectorCount;
        int p = 0;
        for (int i = 0; i < _classCount; i++)
        {
            for (int j = i + 1; j < _classCount; j++, p++)
            {
                double sum = TensorPrimitives.Dot(
                    _coefficients.AsSpan(((j - 1) * nSv) + _supportStarts[i], _supportCounts[i]),
                    kernelValues.Slice(_supportStarts[i], _supportCounts[i]));
                sum += TensorPrimitives.Dot(
                    _coefficients.AsSpan((i * nSv) + _supportStarts[j], _supportCounts[j]),
                    kernelValues.Slice(_supportStarts[j], _supportCounts[j]));
                decisions[p] = sum - _rho[p];
            }
        }
    }

    // Fully optimised from the first call: a banknote-sized batch is over before tiered JIT would promote this
    // loop (long rows stay tiered: there dynamic PGO made the tiered loop faster).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ShortRowKernelValues(ReadOnlySpan<double> sample, Span<double> kernelValues)
    {
        double square = KernelFunction.Dot(sample, sample);
        ReadOnlySpan<double> vectors = _supportVectors.Data;
        int columns = sample.Length;
        for (int s = 0; s < kernelValues.Length; s++)
        {
            kernelValues[s] = KernelFunction.Dot(vectors.Slice(s * columns, columns), sample);
        }

        _kernel.FromDots(kernelValues, _supportSquares, square);
    }

    private int Vote(ReadOnlySpan<double> decisions, Span<int> votes)
    {
        votes.Clear();
        int p = 0;
        for (int i = 0; i < _classCount; i++)
        {
            for (int j = i + 1; j < _classCount; j++, p++)
            {
                votes[decisions[p] > 0 ? i : j]++;
            }
        }

        int best = 0;
        for (int c = 1; c < _classCount; c++)
        {
            if (votes[c] > votes[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// LIBSVM's svm_binary_svc_probability: decision values from a seeded 5-fold cross-validation, then a
    /// Platt sigmoid fitted to them.
    /// </summary>
    private static (double A, double B) CrossValidatedSigmoid(
        FeatureMatrix x, int[] rows, sbyte[] labels, KernelFunction kernel, SvmOptions options, long cacheBytes, Random random)
    {
        const int Folds = 5;
        int l = rows.Length;
        int[] perm = Enumerable.Range(0, l).ToArray();
        random.Shuffle(perm);
        var decision = new double[l];
        for (int f = 0; f < Folds; f++)
        {
            int begin = f * l / Folds;
            int end = (f + 1) * l / Folds;
            var trainRows = new List<int>(l);
            var trainLabels = new List<sbyte>(l);
            int positives = 0;
            for (int t = 0; t < l; t++)
            {
                if (t < begin || t >= end)
                {
                    trainRows.Add(rows[perm[t]]);
                    trainLabels.Add(labels[perm[t]]);
                    positives += labels[perm[t]] > 0 ? 1 : 0;
                }
            }

            int negatives = trainRows.Count - positives;
            if (positives == 0 || negatives == 0)
            {
                double constant = positives > 0 ? 1 : negatives > 0 ? -1 : 0;
                for (int t = begin; t < end; t++)
                {
                    decision[perm[t]] = constant;
                }

                continue;
            }

            var solution = SmoSolver.SolveCSvc(x, trainRows.ToArray(), trainLabels.ToArray(), kernel, options.C, options.C,
                options.Tolerance, options.Shrinking, cacheBytes);
            var squares = new double[trainRows.Count];
            for (int s = 0; s < trainRows.Count; s++)
            {
                var row = x.Row(trainRows[s]);
                squares[s] = TensorPrimitives.Dot<double>(row, row);
            }

            for (int t = begin; t < end; t++)
            {
                var sample = x.Row(rows[perm[t]]);
                double square = TensorPrimitives.Dot<double>(sample, sample);
                double sum = 0;
                for (int s = 0; s < trainRows.Count; s++)
                {
                    if (solution.Coefficients[s] != 0)
                    {
                        sum += solution.Coefficients[s] * kernel.Evaluate(x.Row(trainRows[s]), sample, squares[s], square);
                    }
                }

                decision[perm[t]] = sum - solution.Rho;
            }
        }

        return PlattScaling.FitSigmoid(decision, labels);
    }
}
