using NoteGuard.Learning.Layers;

namespace NoteGuard.Learning.Optimizers;

/// <summary>
/// Adam with torch semantics (bias-corrected moments; denominator √v̂ + ε), with L2 weight decay added to the gradient,
/// or — when <see cref="Options.Decoupled"/> (AdamW) — θ ← θ·(1 − lr·wd) before the update.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Dictionary<Parameter, (float[] M, float[] V)> _moments = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates Adam (or AdamW) over one group.</summary>
    public Adam(IEnumerable<Parameter> parameters, Options options)
        : this([new ParameterGroup(parameters, options.LearningRate, options.WeightDecay)], options)
    {
    }

    /// <summary>Creates Adam (or AdamW) over several groups.</summary>
    /// <exception cref="ArgumentOutOfRangeException">β outside [0, 1) or ε not positive.</exception>
    public Adam(IEnumerable<ParameterGroup> groups, Options options)
        : base(groups)
    {
        Guard.NotNull(options);
        Guard.IsTrue(options.Beta1 >= 0 && options.Beta1 < 1 && options.Beta2 >= 0 && options.Beta2 < 1, "betas must be in [0, 1)", nameof(options));
        Guard.MustBePositive(options.Epsilon);
        Settings = options;
    }

    /// <summary>AdamW: Adam with decoupled weight decay (torch default decay 0.01).</summary>
    public static Adam AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double weightDecay = 0.01) =>
        new(parameters, new Options { LearningRate = learningRate, WeightDecay = weightDecay, Decoupled = true });

    /// <summary>The hyper-parameters.</summary>
    public Options Settings { get; }

    /// <inheritdoc />
    public override void Step()
    {
        StepCount++;
        double b1 = Settings.Beta1;
        double b2 = Settings.Beta2;
        double bias1 = 1 - Math.Pow(b1, StepCount);
        double bias2Sqrt = Math.Sqrt(1 - Math.Pow(b2, StepCount));
        float eps = (float)Settings.Epsilon;
        foreach (var group in Groups)
        {
            double lr = group.LearningRate;
            float wd = (float)group.WeightDecay;
            float stepSize = (float)(lr / bias1);
            float decay = (float)(1 - (lr * group.WeightDecay));
            foreach (var p in group.Parameters)
            {
                if (!p.RequiresGrad)
                {
                    continue;
                }

                if (!_moments.TryGetValue(p, out var mv))
                {
                    mv = (new float[p.Length], new float[p.Length]);
                    _moments[p] = mv;
                }

                var theta = p.Value.Span;
                var grad = p.Grad.Span;
                var m = mv.M;
                var v = mv.V;
                for (int i = 0; i < theta.Length; i++)
                {
                    float g = grad[i];
                    if (Settings.Decoupled)
                    {
                        theta[i] *= decay;
                    }
                    else
                    {
                        g += wd * theta[i];
                    }

                    m[i] = (float)((b1 * m[i]) + ((1 - b1) * g));
                    v[i] = (float)((b2 * v[i]) + ((1 - b2) * g * g));
                    float denom = (float)(Math.Sqrt(v[i]) / bias2Sqrt) + eps;
                    theta[i] -= stepSize * m[i] / denom;
                }
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, float[] Buffer)> BuffersOf(Parameter parameter)
    {
        if (_moments.TryGetValue(parameter, out var mv))
        {
            yield return ("exp_avg", mv.M);
            yield return ("exp_avg_sq", mv.V);
        }
    }

    /// <inheritdoc />
    protected override void SetBuffer(Parameter parameter, string name, float[] values)
    {
        _moments.TryGetValue(parameter, out var mv);
        mv.M ??= new float[parameter.Length];
        mv.V ??= new float[parameter.Length];
        switch (name)
        {
            case "exp_avg":
                mv.M = values;
                break;
            case "exp_avg_sq":
                mv.V = values;
                break;
            default:
                ThrowHelper.ThrowArgument($"Adam has no state '{name}'", nameof(name));
                break;
        }

        _moments[parameter] = mv;
    }

    /// <summary>Adam hyper-parameters (torch defaults).</summary>
    public sealed record Options
    {
        /// <summary>Learning rate (default 1e-3).</summary>
        public double LearningRate { get; init; } = 1e-3;

        /// <summary>β₁ (default 0.9).</summary>
        public double Beta1 { get; init; } = 0.9;

        /// <summary>β₂ (default 0.999).</summary>
        public double Beta2 { get; init; } = 0.999;

        /// <summary>ε (default 1e-8).</summary>
        public double Epsilon { get; init; } = 1e-8;

        /// <summary>Weight decay (default 0).</summary>
        public double WeightDecay { get; init; }

        /// <summary>Decoupled weight decay (AdamW) instead of L2 (default false).</summary>
        public bool Decoupled { get; init; }
    }
}
