using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Losses;

/// <summary>
/// Mean binary cross-entropy on logits, like <c>torch.nn.BCEWithLogitsLoss</c>, computed stably:
/// l = (1−y)·x + (1 + (p−1)·y)·(log(1 + e^−|x|) + max(−x, 0)), with optional per-class positive weight p (last axis).
/// </summary>
public sealed class BceWithLogitsLoss
{
    private readonly float[]? _positiveWeight;
    private Tensor? _logits;
    private Tensor? _targets;
    private Tensor? _gradient;

    /// <summary>Creates the loss.</summary>
    /// <param name="positiveWeight">Optional weight of positive examples per class (torch's <c>pos_weight</c>).</param>
    public BceWithLogitsLoss(ReadOnlySpan<float> positiveWeight = default)
    {
        _positiveWeight = positiveWeight.IsEmpty ? null : positiveWeight.ToArray();
    }

    /// <summary>Computes the loss; <paramref name="targets"/> has the logits' shape with values in [0, 1].</summary>
    /// <exception cref="ArgumentException">Shapes differ or pos_weight length does not match the last axis.</exception>
    public float Forward(Tensor logits, Tensor targets)
    {
        Guard.NotNull(logits);
        Guard.NotNull(targets);
        Guard.IsTrue(logits.HasShape(targets.Shape), $"logits {logits} and targets {targets} differ in shape", nameof(targets));
        int classes = logits.Rank == 0 ? 1 : logits.Dim(-1);
        Guard.IsTrue(_positiveWeight is null || _positiveWeight.Length == classes, "pos_weight must match the last axis", nameof(logits));
        _logits = logits;
        _targets = targets;
        var x = logits.Span;
        var y = targets.Span;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double p = _positiveWeight is null ? 1 : _positiveWeight[i % classes];
            double lw = 1 + ((p - 1) * y[i]);
            double softplusNeg = Math.Log(1 + Math.Exp(-Math.Abs(x[i]))) + Math.Max(-x[i], 0);
            sum += ((1 - y[i]) * x[i]) + (lw * softplusNeg);
        }

        return (float)(sum / Math.Max(1, x.Length));
    }

    /// <summary>dLoss/dLogits of the last <see cref="Forward"/>: ((1−y) − (1+(p−1)y)·σ(−x)) / count.</summary>
    /// <exception cref="InvalidOperationException">No forward pass preceded.</exception>
    public Tensor Backward()
    {
        if (_logits is null || _targets is null)
        {
            ThrowHelper.ThrowInvalidOperation("BceWithLogitsLoss.Backward needs a preceding Forward");
        }

        var grad = Tensor.Ensure(ref _gradient, _logits.Shape);
        var x = _logits.Span;
        var y = _targets.Span;
        var g = grad.Span;
        int classes = _logits.Rank == 0 ? 1 : _logits.Dim(-1);
        double scale = 1.0 / Math.Max(1, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double p = _positiveWeight is null ? 1 : _positiveWeight[i % classes];
            double lw = 1 + ((p - 1) * y[i]);
            double sigNeg = 1 / (1 + Math.Exp(x[i]));
            g[i] = (float)(((1 - y[i]) - (lw * sigNeg)) * scale);
        }

        return grad;
    }
}
