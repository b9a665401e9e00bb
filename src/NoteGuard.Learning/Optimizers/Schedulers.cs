using NoteGuard.Learning.Layers;

namespace NoteGuard.Learning.Optimizers;

/// <summary>Base of learning-rate schedulers: call <see cref="Step"/> once per epoch, after the optimizer steps.</summary>
public abstract class LearningRateScheduler
{
    /// <summary>Creates the scheduler.</summary>
    protected LearningRateScheduler(Optimizer optimizer)
    {
        Guard.NotNull(optimizer);
        Optimizer = optimizer;
    }

    /// <summary>The optimizer whose group learning rates are set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Epochs completed (torch's <c>last_epoch</c>).</summary>
    public int Epoch { get; set; }

    /// <summary>Advances one epoch and updates the learning rates.</summary>
    public virtual void Step()
    {
        Epoch++;
        foreach (var g in Optimizer.Groups)
        {
            g.LearningRate = RateFor(g.InitialLearningRate, Epoch);
        }
    }

    /// <summary>The learning rate at <paramref name="epoch"/> for a group that started at <paramref name="initial"/>.</summary>
    protected abstract double RateFor(double initial, int epoch);
}

/// <summary>lr = initial · γ^⌊epoch / stepSize⌋ (torch's StepLR; seed 000 uses step 7, γ 0.1).</summary>
public sealed class StepLR : LearningRateScheduler
{
    /// <summary>Creates the scheduler.</summary>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        Guard.MustBePositive(stepSize);
        Guard.MustBePositive(gamma);
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double RateFor(double initial, int epoch) => initial * Math.Pow(Gamma, epoch / StepSize);
}

/// <summary>lr = η_min + (initial − η_min)·(1 + cos(π·epoch/T_max))/2 (torch's CosineAnnealingLR closed form).</summary>
public sealed class CosineAnnealingLR : LearningRateScheduler
{
    /// <summary>Creates the scheduler.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int maxEpochs, double minLearningRate = 0)
        : base(optimizer)
    {
        Guard.MustBePositive(maxEpochs);
        Guard.MustBeNonNegative(minLearningRate);
        MaxEpochs = maxEpochs;
        MinLearningRate = minLearningRate;
    }

    /// <summary>T_max.</summary>
    public int MaxEpochs { get; }

    /// <summary>η_min.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc />
    protected override double RateFor(double initial, int epoch) =>
        MinLearningRate + ((initial - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / MaxEpochs)) / 2);
}

/// <summary>
/// torch's ReduceLROnPlateau (mode min or max, relative threshold): after more than <see cref="Patience"/> epochs
/// without improvement the rates are multiplied by <see cref="Factor"/> (not below <see cref="MinLearningRate"/>), then
/// <see cref="Cooldown"/> epochs pass before counting again.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private double _best;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Creates the scheduler.</summary>
    public ReduceLROnPlateau(Optimizer optimizer, bool maximize = false, double factor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0, double minLearningRate = 0)
    {
        Guard.NotNull(optimizer);
        Guard.IsTrue(factor > 0 && factor < 1, "factor must be in (0, 1)", nameof(factor));
        Guard.MustBeNonNegative(patience);
        Guard.MustBeNonNegative(threshold);
        Guard.MustBeNonNegative(cooldown);
        Optimizer = optimizer;
        Maximize = maximize;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
        _best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>True to treat larger metrics as better.</summary>
    public bool Maximize { get; }

    /// <summary>Multiplier applied on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement needed.</summary>
    public double Threshold { get; }

    /// <summary>Epochs to wait after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound on the learning rate.</summary>
    public double MinLearningRate { get; }

    /// <summary>Records the epoch's metric (e.g. validation loss) and reduces the rates on a plateau.</summary>
    public void Step(double metric)
    {
        bool better = Maximize ? metric > _best * (1 + Threshold) : metric < _best * (1 - Threshold);
        if (double.IsInfinity(_best))
        {
            better = true;
        }

        if (better)
        {
            _best = metric;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs > Patience)
        {
            foreach (var g in Optimizer.Groups)
            {
                double reduced = Math.Max(g.LearningRate * Factor, MinLearningRate);
                if (g.LearningRate - reduced > 1e-8)
                {
                    g.LearningRate = reduced;
                }
            }

            _cooldownLeft = Cooldown;
            _badEpochs = 0;
        }
    }
}

/// <summary>Gradient clipping like <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients by max/(‖g‖₂ + 1e-6) when that is below 1; returns the total norm before clipping.</summary>
    public static double ClipByNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        Guard.NotNull(parameters);
        Guard.MustBePositive(maxNorm);
        var list = parameters as IReadOnlyCollection<Parameter> ?? [.. parameters];
        double sq = 0;
        foreach (var p in list)
        {
            foreach (float g in p.Grad.Span)
            {
                sq += (double)g * g;
            }
        }

        double norm = Math.Sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1)
        {
            foreach (var p in list)
            {
                TensorPrimitives.Multiply(p.Grad.Span, (float)coef, p.Grad.Span);
            }
        }

        return norm;
    }
}
