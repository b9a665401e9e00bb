using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>Runs children in order; children are named "0", "1", … as in <c>torch.nn.Sequential</c>.</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Creates the chain.</summary>
    public Sequential(params Module[] layers)
    {
        Guard.NotNull(layers);
        _layers = (Module[])layers.Clone();
        for (int i = 0; i < _layers.Length; i++)
        {
            RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
        }
    }

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Length;

    /// <summary>Layer <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        var g = gradOutput;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            g = _layers[i].Backward(g);
        }

        return g;
    }
}

/// <summary>Passes its input through unchanged.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input;

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput) => gradOutput;
}

/// <summary>Flattens every axis after the batch axis: [N, d1, d2, …] → [N, d1·d2·…]. The output shares the input's buffer.</summary>
public sealed class Flatten : Module
{
    private Tensor? _view;
    private Tensor? _gradView;
    private int[]? _inputShape;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank >= 1, "Flatten needs a batch axis", nameof(input));
        int n = input.Dim(0);
        int rest = n == 0 ? 0 : input.Length / n;
        _inputShape = input.Shape.ToArray();
        _view = View(_view, input, [n, rest]);
        return _view;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_inputShape, nameof(Flatten));
        Guard.NotNull(gradOutput);
        _gradView = View(_gradView, gradOutput, _inputShape);
        return _gradView;
    }

    private static Tensor View(Tensor? cached, Tensor source, int[] shape)
    {
        if (cached is not null && ReferenceEquals(cached.Buffer, source.Buffer) && cached.HasShape(shape))
        {
            return cached;
        }

        return new Tensor(source.Buffer, shape);
    }
}

/// <summary>
/// Zeroes each element with probability <see cref="Probability"/> in training and scales survivors by 1/(1−p), like
/// <c>torch.nn.Dropout</c>; identity in evaluation. The mask comes from a <see cref="SeededRandom"/> (torch's differs).
/// </summary>
public sealed class Dropout : Module
{
    private readonly SeededRandom _random;
    private Tensor? _mask;
    private Tensor? _output;
    private Tensor? _gradInput;
    private bool _masked;

    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> outside [0, 1).</exception>
    public Dropout(double probability = 0.5, SeededRandom? random = null)
    {
        Guard.IsTrue(probability >= 0 && probability < 1, "dropout probability must be in [0, 1)", nameof(probability));
        Probability = probability;
        _random = random ?? new SeededRandom(0x5EED);
    }

    /// <summary>Probability of dropping an element.</summary>
    public double Probability { get; }

    /// <summary>Restarts the mask sequence from <paramref name="seed"/> (trainers reseed per epoch so a resumed run repeats it).</summary>
    public void Reseed(ulong seed) => _random.Reseed(seed);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        _masked = IsTraining && Probability > 0;
        if (!_masked)
        {
            return input;
        }

        var mask = Tensor.Ensure(ref _mask, input.Shape);
        var output = Tensor.Ensure(ref _output, input.Shape);
        var m = mask.Span;
        float keep = (float)(1 / (1 - Probability));
        float threshold = (float)Probability;
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = _random.NextSingle() >= threshold ? keep : 0;
        }

        TensorPrimitives.Multiply(input.Span, m, output.Span);
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        Guard.NotNull(gradOutput);
        if (!_masked)
        {
            return gradOutput;
        }

        var gradInput = Tensor.Ensure(ref _gradInput, gradOutput.Shape);
        TensorPrimitives.Multiply(gradOutput.Span, _mask!.Span, gradInput.Span);
        return gradInput;
    }
}

/// <summary>Softmax over axis 1 of [N, C], like <c>torch.nn.Softmax(dim=1)</c>.</summary>
public sealed class Softmax : Module
{
    private Tensor? _output;
    private Tensor? _gradInput;
    private bool _recorded;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 2, $"Softmax expects [N, C], got {input}", nameof(input));
        var output = Tensor.Ensure(ref _output, input.Shape);
        Functional.Softmax(input.Span, input.Dim(1), output.Span);
        _recorded = IsTraining;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_recorded ? _output : null, nameof(Softmax));
        var gradInput = Tensor.Ensure(ref _gradInput, _output!.Shape);
        int c = _output.Dim(1);
        var y = _output.Span;
        var dy = gradOutput.Span;
        var dx = gradInput.Span;
        for (int i = 0; i < y.Length; i += c)
        {
            float dot = TensorPrimitives.Dot(y.Slice(i, c), dy.Slice(i, c));
            for (int j = i; j < i + c; j++)
            {
                dx[j] = y[j] * (dy[j] - dot);
            }
        }

        return gradInput;
    }
}

/// <summary>log(softmax(x)) over axis 1 of [N, C], like <c>torch.nn.LogSoftmax(dim=1)</c>, computed stably.</summary>
public sealed class LogSoftmax : Module
{
    private Tensor? _output;
    private Tensor? _gradInput;
    private bool _recorded;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 2, $"LogSoftmax expects [N, C], got {input}", nameof(input));
        var output = Tensor.Ensure(ref _output, input.Shape);
        Functional.LogSoftmax(input.Span, input.Dim(1), output.Span);
        _recorded = IsTraining;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_recorded ? _output : null, nameof(LogSoftmax));
        var gradInput = Tensor.Ensure(ref _gradInput, _output!.Shape);
        int c = _output.Dim(1);
        var y = _output.Span;
        var dy = gradOutput.Span;
        var dx = gradInput.Span;
        for (int i = 0; i < y.Length; i += c)
        {
            float sum = TensorPrimitives.Sum(dy.Slice(i, c));
            for (int j = i; j < i + c; j++)
            {
                dx[j] = dy[j] - (MathF.Exp(y[j]) * sum);
            }
        }

        return gradInput;
    }
}
