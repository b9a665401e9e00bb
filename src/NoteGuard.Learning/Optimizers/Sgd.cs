using NoteGuard.Learning.Layers;

namespace NoteGuard.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with torch semantics: g ← ∇ + wd·θ; b ← g on the first step, else μ·b + (1−dampening)·g;
/// g ← g + μ·b (Nesterov) or b; θ ← θ − lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _momentum = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates SGD over one group of parameters.</summary>
    public Sgd(IEnumerable<Parameter> parameters, Options options)
        : this([new ParameterGroup(parameters, options.LearningRate, options.WeightDecay)], options)
    {
    }

    /// <summary>Creates SGD over several groups (each with its own learning rate and weight decay).</summary>
    /// <exception cref="ArgumentException">Nesterov without momentum or with dampening.</exception>
    public Sgd(IEnumerable<ParameterGroup> groups, Options options)
        : base(groups)
    {
        Guard.NotNull(options);
        Guard.MustBeNonNegative(options.Momentum);
        Guard.IsTrue(!options.Nesterov || (options.Momentum > 0 && options.Dampening == 0), "Nesterov momentum requires a momentum and zero dampening", nameof(options));
        Settings = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public Options Settings { get; }

    /// <inheritdoc />
    public override void Step()
    {
        StepCount++;
        float mu = (float)Settings.Momentum;
        float damp = (float)(1 - Settings.Dampening);
        foreach (var group in Groups)
        {
            float lr = (float)group.LearningRate;
            float wd = (float)group.WeightDecay;
            foreach (var p in group.Parameters)
            {
                if (!p.RequiresGrad)
                {
                    continue;
                }

                var theta = p.Value.Span;
                var grad = p.Grad.Span;
                if (mu == 0)
                {
                    for (int i = 0; i < theta.Length; i++)
                    {
                        theta[i] -= lr * (grad[i] + (wd * theta[i]));
                    }

                    continue;
                }

                bool first = !_momentum.TryGetValue(p, out var buffer);
                if (first)
                {
                    buffer = new float[theta.Length];
                    _momentum[p] = buffer;
                }

                for (int i = 0; i < theta.Length; i++)
                {
                    float g = grad[i] + (wd * theta[i]);
                    float b = first ? g : (mu * buffer![i]) + (damp * g);
                    buffer![i] = b;
                    theta[i] -= lr * (Settings.Nesterov ? g + (mu * b) : b);
                }
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, float[] Buffer)> BuffersOf(Parameter parameter)
    {
        if (_momentum.TryGetValue(parameter, out var b))
        {
            yield return ("momentum_buffer", b);
        }
    }

    /// <inheritdoc />
    protected override void SetBuffer(Parameter parameter, string name, float[] values)
    {
        Guard.IsTrue(name == "momentum_buffer", $"SGD has no state '{name}'", nameof(name));
        _momentum[parameter] = values;
    }

    /// <summary>SGD hyper-parameters (torch defaults except the learning rate).</summary>
    public sealed record Options
    {
        /// <summary>Learning rate (default 0.01).</summary>
        public double LearningRate { get; init; } = 0.01;

        /// <summary>Momentum μ (default 0).</summary>
        public double Momentum { get; init; }

        /// <summary>Dampening of the momentum input (default 0).</summary>
        public double Dampening { get; init; }

        /// <summary>L2 weight decay added to the gradient (default 0).</summary>
        public double WeightDecay { get; init; }

        /// <summary>Nesterov momentum (default false).</summary>
        public bool Nesterov { get; init; }
    }
}
