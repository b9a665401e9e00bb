using NoteGuard.Learning.Layers;

namespace NoteGuard.Learning.Optimizers;

/// <summary>A set of parameters sharing a learning rate and weight decay (torch's <c>param_groups</c> entry).</summary>
public sealed class ParameterGroup
{
    /// <summary>Creates a group.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Learning rate or weight decay negative.</exception>
    public ParameterGroup(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0)
    {
        Guard.NotNull(parameters);
        Guard.MustBeNonNegative(learningRate);
        Guard.MustBeNonNegative(weightDecay);
        Parameters = [.. parameters];
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Current learning rate (schedulers change it).</summary>
    public double LearningRate { get; set; }

    /// <summary>The learning rate at construction (schedulers scale from it).</summary>
    public double InitialLearningRate { get; }

    /// <summary>Weight decay (L2 for SGD/Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; set; }
}

/// <summary>Savable optimizer state: named buffers (momentum, moments) and scalars (step counts, learning rates).</summary>
public sealed class OptimizerState
{
    /// <summary>Per-parameter buffers named <c>state.{index}.{buffer}</c>, index counting parameters over all groups.</summary>
    public Dictionary<string, float[]> Buffers { get; } = new(StringComparer.Ordinal);

    /// <summary>Scalars such as <c>step</c> and <c>group.{g}.lr</c>.</summary>
    public Dictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);
}

/// <summary>Base of the optimizers: parameter groups, zeroing gradients, savable state.</summary>
public abstract class Optimizer
{
    private readonly List<ParameterGroup> _groups;

    /// <summary>Creates the optimizer over one or more groups.</summary>
    /// <exception cref="ArgumentException">No group given.</exception>
    protected Optimizer(IEnumerable<ParameterGroup> groups)
    {
        Guard.NotNull(groups);
        _groups = [.. groups];
        Guard.IsTrue(_groups.Count > 0, "an optimizer needs at least one parameter group", nameof(groups));
    }

    /// <summary>The parameter groups.</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Applies one update from the accumulated gradients.</summary>
    public abstract void Step();

    /// <summary>Clears the gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var g in _groups)
        {
            foreach (var p in g.Parameters)
            {
                p.ZeroGrad();
            }
        }
    }

    /// <summary>A copy of the state needed to resume training.</summary>
    public OptimizerState GetState()
    {
        var state = new OptimizerState();
        state.Scalars["step"] = StepCount;
        for (int g = 0; g < _groups.Count; g++)
        {
            state.Scalars[$"group.{g}.lr"] = _groups[g].LearningRate;
        }

        int index = 0;
        foreach (var p in AllParameters())
        {
            foreach (var (name, buffer) in BuffersOf(p))
            {
                state.Buffers[$"state.{index}.{name}"] = (float[])buffer.Clone();
            }

            index++;
        }

        return state;
    }

    /// <summary>Restores a state from <see cref="GetState"/> of an optimizer of the same kind over the same parameters.</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong length or a group is missing.</exception>
    public void LoadState(OptimizerState state)
    {
        Guard.NotNull(state);
        StepCount = (long)state.Scalars.GetValueOrDefault("step");
        for (int g = 0; g < _groups.Count; g++)
        {
            Guard.IsTrue(state.Scalars.TryGetValue($"group.{g}.lr", out double lr), $"state lacks group {g}", nameof(state));
            _groups[g].LearningRate = lr;
        }

        var parameters = AllParameters().ToArray();
        foreach (var (key, values) in state.Buffers)
        {
            string[] parts = key.Split('.');
            int index = -1;
            if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out index)
                || (uint)index >= (uint)parameters.Length)
            {
                ThrowHelper.ThrowArgument($"unexpected optimizer state entry '{key}'", nameof(state));
            }

            Guard.IsTrue(values.Length == parameters[index].Length, $"'{key}' has {values.Length} values, parameter has {parameters[index].Length}", nameof(state));
            SetBuffer(parameters[index], parts[2], (float[])values.Clone());
        }
    }

    /// <summary>Every parameter of every group, in order.</summary>
    protected IEnumerable<Parameter> AllParameters() => _groups.SelectMany(static g => g.Parameters);

    /// <summary>The named state buffers of one parameter.</summary>
    protected abstract IEnumerable<(string Name, float[] Buffer)> BuffersOf(Parameter parameter);

    /// <summary>Restores one named buffer.</summary>
    protected abstract void SetBuffer(Parameter parameter, string name, float[] values);
}
