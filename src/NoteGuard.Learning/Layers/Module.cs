using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>
/// Base of every layer and network, shaped like <c>torch.nn.Module</c>: named parameters, buffers and children,
/// train/eval mode, and a strict named state for saving and loading.
/// </summary>
/// <remarks>
/// Gradients are explicit: <see cref="Forward"/> in training mode records what <see cref="Backward"/> needs, and
/// <see cref="Backward"/> takes dLoss/dOutput, adds dLoss/dParameter into each <see cref="Parameter.Grad"/> and returns
/// dLoss/dInput. In evaluation mode nothing is recorded (the inference path). Output and gradient tensors are owned by
/// the module and reused by the next call (no allocation per batch): copy them if you need them longer. A module
/// instance may therefore appear only once in a network.
/// </remarks>
public abstract class Module
{
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, Tensor Buffer)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (the default): batch statistics, dropout, gradient bookkeeping.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// When false, <see cref="Backward"/> computes parameter gradients only and returns <see cref="Empty"/> (used for
    /// a network's first layer, whose input gradient nobody needs).
    /// </summary>
    public bool InputGradientNeeded { get; set; } = true;

    /// <summary>A zero-length tensor returned by <see cref="Backward"/> when no input gradient is computed.</summary>
    public static Tensor Empty { get; } = new(0);

    /// <summary>Computes the output for a batch.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Back-propagates dLoss/dOutput of the last <see cref="Forward"/>; returns dLoss/dInput.</summary>
    /// <exception cref="InvalidOperationException">No training-mode forward pass preceded this call.</exception>
    public abstract Tensor Backward(Tensor gradOutput);

    /// <summary>Switches this module and its children to training (or evaluation) mode.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        OnModeChanged();
        return this;
    }

    /// <summary>Switches to evaluation mode (running statistics, no dropout, no gradient bookkeeping).</summary>
    public Module Eval() => Train(false);

    /// <summary>The direct children with their names.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children => _children;

    /// <summary>Every parameter with its dotted PyTorch-style name (e.g. <c>features.0.weight</c>), in registration order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() => Walk(string.Empty, static m => m._parameters);

    /// <summary>Every buffer (running statistics) with its dotted name.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => Walk(string.Empty, static m => m._buffers);

    /// <summary>Every parameter.</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(static p => p.Parameter);

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters().Sum(static p => (long)p.Length);

    /// <summary>Parameters and buffers by dotted name: the state saved in model files (same names as a PyTorch <c>state_dict</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in NamedParameters())
        {
            state.Add(name, p.Value);
        }

        foreach (var (name, b) in NamedBuffers())
        {
            state.Add(name, b);
        }

        return state;
    }

    /// <summary>Copies values into this module's parameters and buffers by name, strictly.</summary>
    /// <exception cref="ArgumentException">A name is missing or unexpected, or a shape differs (message names it).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        Guard.NotNull(state);
        var own = StateDict();
        foreach (var (name, tensor) in own)
        {
            if (!state.TryGetValue(name, out var source))
            {
                ThrowHelper.ThrowArgument($"state is missing '{name}'", nameof(state));
            }

            if (!source.HasShape(tensor.Shape))
            {
                ThrowHelper.ThrowArgument(
                    $"'{name}' has shape [{string.Join(',', source.Shape.ToArray())}], expected [{string.Join(',', tensor.Shape.ToArray())}]", nameof(state));
            }
        }

        foreach (var name in state.Keys)
        {
            if (!own.ContainsKey(name))
            {
                ThrowHelper.ThrowArgument($"state has unexpected entry '{name}'", nameof(state));
            }
        }

        foreach (var (name, tensor) in own)
        {
            state[name].Span.CopyTo(tensor.Span);
        }
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        Guard.NotNull(module);
        _children.Add((name, module));
        return module;
    }

    /// <summary>Registers a trainable tensor under <paramref name="name"/>.</summary>
    protected Parameter RegisterParameter(string name, Tensor value)
    {
        var p = new Parameter(value);
        _parameters.Add((name, p));
        return p;
    }

    /// <summary>Registers a non-trainable state tensor (e.g. running mean) under <paramref name="name"/>.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        _buffers.Add((name, value));
        return value;
    }

    /// <summary>Called after <see cref="Train"/> changes the mode (layers drop training-only caches here).</summary>
    protected virtual void OnModeChanged()
    {
    }

    /// <summary>Throws when no forward pass recorded state for backward.</summary>
    protected static void RequireForward([System.Diagnostics.CodeAnalysis.NotNull] object? recorded, string layer)
    {
        if (recorded is null)
        {
            ThrowHelper.ThrowInvalidOperation($"{layer}.Backward needs a preceding training-mode Forward");
        }
    }

    /// <summary>
    /// Reseeds every random layer (dropout) below this module from <paramref name="seed"/>, each layer from its own
    /// derived seed, so that training from a given epoch repeats exactly, e.g. after resuming from a checkpoint.
    /// </summary>
    public void ReseedRandomLayers(ulong seed)
    {
        var derive = new SeededRandom(seed);
        Reseed(this, derive);

        static void Reseed(Module module, SeededRandom derive)
        {
            if (module is Dropout dropout)
            {
                dropout.Reseed(derive.NextUInt64());
            }

            foreach (var (_, child) in module._children)
            {
                Reseed(child, derive);
            }
        }
    }

    private IEnumerable<(string, T)> Walk<T>(string prefix, Func<Module, List<(string Name, T Item)>> select)
    {
        foreach (var (name, item) in select(this))
        {
            yield return (prefix + name, item);
        }

        foreach (var (name, child) in _children)
        {
            foreach (var entry in child.Walk(prefix + name + ".", select))
            {
                yield return entry;
            }
        }
    }
}
