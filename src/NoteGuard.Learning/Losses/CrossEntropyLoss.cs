using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Losses;

/// <summary>
/// Mean cross-entropy of logits [N, C] against class indices, with torch's semantics for class weights and label
/// smoothing ε: loss = (1−ε)·Σᵢ w[yᵢ]·(−log pᵢ,yᵢ)/Σᵢ w[yᵢ] + (ε/C)·Σᵢ Σ_c w_c·(−log pᵢ,c)/Σᵢ w[yᵢ].
/// </summary>
public sealed class CrossEntropyLoss
{
    private readonly float[]? _weight;
    private Tensor? _probabilities;
    private Tensor? _gradient;
    private int[] _targets = [];
    private double _weightSum;

    /// <summary>Creates the loss.</summary>
    /// <param name="classWeights">Optional weight per class (torch's <c>weight</c>), all finite and non-negative.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">ε outside [0, 1] or a weight negative.</exception>
    public CrossEntropyLoss(ReadOnlySpan<float> classWeights = default, double labelSmoothing = 0)
    {
        Guard.MustBeBetween(labelSmoothing, 0, 1);
        foreach (float w in classWeights)
        {
            Guard.MustBeNonNegative(w, nameof(classWeights));
        }

        _weight = classWeights.IsEmpty ? null : classWeights.ToArray();
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>ε.</summary>
    public double LabelSmoothing { get; }

    /// <summary>Computes the loss and remembers what <see cref="Backward"/> needs.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or a target is outside [0, C).</exception>
    public float Forward(Tensor logits, ReadOnlySpan<int> targets)
    {
        Guard.NotNull(logits);
        Guard.IsTrue(logits.Rank == 2 && logits.Dim(0) == targets.Length, $"logits {logits} do not match {targets.Length} targets", nameof(logits));
        int n = logits.Dim(0);
        int c = logits.Dim(1);
        Guard.IsTrue(_weight is null || _weight.Length == c, $"{_weight?.Length} class weights for {c} classes", nameof(logits));
        var logp = Tensor.Ensure(ref _probabilities, logits.Shape);
        Functional.LogSoftmax(logits.Span, c, logp.Span);
        if (_targets.Length < n)
        {
            _targets = new int[n];
        }

        double nll = 0;
        double smooth = 0;
        double weightSum = 0;
        var lp = logp.Span;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if ((uint)t >= (uint)c)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(targets), t, $"target {i} must be in [0, {c})");
            }

            _targets[i] = t;
            var row = lp.Slice(i * c, c);
            double wi = _weight is null ? 1 : _weight[t];
            weightSum += wi;
            nll -= wi * row[t];
            if (LabelSmoothing > 0)
            {
                for (int k = 0; k < c; k++)
                {
                    smooth -= (_weight is null ? 1 : _weight[k]) * row[k];
                }
            }
        }

        _weightSum = weightSum;
        double eps = LabelSmoothing;
        return (float)((((1 - eps) * nll) + (eps / c * smooth)) / weightSum);
    }

    /// <summary>dLoss/dLogits of the last <see cref="Forward"/> (a buffer reused by the next call).</summary>
    /// <exception cref="InvalidOperationException">No forward pass preceded.</exception>
    public Tensor Backward()
    {
        if (_probabilities is null)
        {
            ThrowHelper.ThrowInvalidOperation("CrossEntropyLoss.Backward needs a preceding Forward");
        }

        int n = _probabilities.Dim(0);
        int c = _probabilities.Dim(1);
        var grad = Tensor.Ensure(ref _gradient, _probabilities.Shape);
        var lp = _probabilities.Span;
        var g = grad.Span;
        double eps = LabelSmoothing;
        double totalClassWeight = _weight is null ? c : _weight.Sum(static w => (double)w);
        for (int i = 0; i < n; i++)
        {
            int t = _targets[i];
            double wi = _weight is null ? 1 : _weight[t];
            double nllScale = (1 - eps) * wi / _weightSum;
            double smoothScale = eps / c / _weightSum;
            for (int k = 0; k < c; k++)
            {
                double p = Math.Exp(lp[(i * c) + k]);
                double wk = _weight is null ? 1 : _weight[k];
                double d = (nllScale * (p - (k == t ? 1 : 0))) + (smoothScale * ((p * totalClassWeight) - wk));
                g[(i * c) + k] = (float)d;
            }
        }

        return grad;
    }
}
