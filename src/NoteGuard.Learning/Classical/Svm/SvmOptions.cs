using System.Globalization;

namespace NoteGuard.Learning.Classical.Svm;

/// <summary>
/// Settings of a C-support-vector classifier (LIBSVM's C-SVC; defaults as scikit-learn's <c>SVC</c>).
/// </summary>
public sealed record SvmOptions : ClassifierOptions
{
    /// <inheritdoc />
    public override string Kind => "svm";

    /// <summary>The kernel. Default RBF.</summary>
    public SvmKernel Kernel { get; init; } = SvmKernel.Rbf;

    /// <summary>Penalty C &gt; 0 on the hinge loss. Default 1.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>
    /// Kernel coefficient γ &gt; 0 for RBF, polynomial and sigmoid kernels, or null for scikit-learn's
    /// <c>gamma="scale"</c>: 1 / (n_features × Var(X)) with the variance over every value of the training matrix.
    /// </summary>
    public double? Gamma { get; init; }

    /// <summary>Degree of the polynomial kernel (1..10). Default 3.</summary>
    public int Degree { get; init; } = 3;

    /// <summary>Constant term of the polynomial and sigmoid kernels. Default 0.</summary>
    public double Coef0 { get; init; }

    /// <summary>Stopping tolerance on the maximal KKT violation (LIBSVM's eps). Default 1e-3.</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Use LIBSVM's shrinking heuristic. Default true.</summary>
    public bool Shrinking { get; init; } = true;

    /// <summary>Kernel row cache size in megabytes (/// <summary>Kernel row cache size in megabytes (≥ 1). Default 200 as scikit-learn.</summary>gt; 0; never less than two full rows are kept). Default 200 as scikit-learn.</summary>
    public double CacheMegabytes { get; init; } = 200;

    /// <summary>
    /// Fit Platt-scaled probabilities (LIBSVM's improved Platt scaling on decision values from an internal
    /// 5-fold cross-validation). Default false; costs about five extra fits.
    /// </summary>
    public bool Probability { get; init; }

    /// <summary>Seed of the internal cross-validation shuffle used by <see cref="Probability"/>.</summary>
    public int Seed { get; init; }

    /// <summary>Trains a <see cref="SvmClassifier"/>.</summary>
    /// <exception cref="ArgumentException">Bad options or training data.</exception>
    public override ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount) => SvmClassifier.Fit(x, y, classCount, this);

    /// <inheritdoc />
    public override string Describe()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"svm(kernel={KernelName(Kernel)}, C={C}, gamma=");
        text.Append(Gamma is double g ? g.ToString(CultureInfo.InvariantCulture) : "scale");
        if (Kernel == SvmKernel.Polynomial)
        {
            text.Append(CultureInfo.InvariantCulture, $", degree={Degree}");
        }

        if (Kernel is SvmKernel.Polynomial or SvmKernel.Sigmoid)
        {
            text.Append(CultureInfo.InvariantCulture, $", coef0={Coef0}");
        }

        return text.Append(Probability ? ", probability)" : ")").ToString();
    }

    /// <summary>The lower-case name of a kernel: linear, poly, rbf, sigmoid.</summary>
    public static string KernelName(SvmKernel kernel) => kernel switch
    {
        SvmKernel.Linear => "linear",
        SvmKernel.Polynomial => "poly",
        SvmKernel.Rbf => "rbf",
        _ => "sigmoid",
    };

    /// <summary>Parses linear, poly (or polynomial), rbf or sigmoid.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static SvmKernel ParseKernel(string name) => name.ToLowerInvariant() switch
    {
        "linear" => SvmKernel.Linear,
        "poly" or "polynomial" => SvmKernel.Polynomial,
        "rbf" or "gaussian" => SvmKernel.Rbf,
        "sigmoid" => SvmKernel.Sigmoid,
        _ => throw new ArgumentException($"unknown kernel '{name}' (expected linear, poly, rbf or sigmoid)", nameof(name)),
    };

    internal static SvmKernel ParseKernelStored(string name) => name switch
    {
        "linear" => SvmKernel.Linear,
        "poly" => SvmKernel.Polynomial,
        "rbf" => SvmKernel.Rbf,
        "sigmoid" => SvmKernel.Sigmoid,
        _ => throw new ClassicalModelFormatException($"unknown kernel '{name}'"),
    };

    internal void Validate()
    {
        Guard.MustBePositive(C);
        if (Gamma is double g)
        {
            Guard.MustBePositive(g, nameof(Gamma));
        }

        Guard.MustBeBetween(Degree, 1, 10);
        Guard.IsTrue(double.IsFinite(Coef0), "coef0 must be finite", nameof(Coef0));
        Guard.MustBePositive(Tolerance);
        Guard.MustBeBetween(CacheMegabytes, 1e-9, 1 << 20);
    }
}
