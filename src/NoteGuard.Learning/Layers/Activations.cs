using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>Base of parameter-free element-wise layers: owns its output and gradient buffers.</summary>
public abstract class ElementwiseLayer : Module
{
    private Tensor? _output;
    private Tensor? _gradInput;
    private Tensor? _input;

    /// <inheritdoc />
    public sealed override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        var output = Tensor.Ensure(ref _output, input.Shape);
        Apply(input.Span, output.Span);
        _input = IsTraining ? input : null;
        return output;
    }

    /// <inheritdoc />
    public sealed override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, GetType().Name);
        Guard.IsTrue(gradOutput.HasShape(_input.Shape), "gradient shape differs from the output", nameof(gradOutput));
        var gradInput = Tensor.Ensure(ref _gradInput, _input.Shape);
        Derive(_input.Span, _output!.Span, gradOutput.Span, gradInput.Span);
        return gradInput;
    }

    /// <summary>y = f(x).</summary>
    internal abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = f'(x)·dy, given both x and y = f(x).</summary>
    internal abstract void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;
}

/// <summary>max(x, 0).</summary>
public sealed class ReLU : ElementwiseLayer
{
    internal override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    internal override void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        Elementwise.ReluBackward(y, dy, dx);
}

/// <summary>min(max(x, 0), 6) (MobileNetV2's activation).</summary>
public sealed class ReLU6 : ElementwiseLayer
{
    internal override void Apply(ReadOnlySpan<float> x, Span<float> y) => Elementwise.Clamp(x, 0, 6, y);

    internal override void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        Elementwise.ClampBackward(x, dy, 0, 6, dx);
}

/// <summary>x for x &gt; 0, slope·x otherwise (torch default slope 0.01).</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : ElementwiseLayer
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    internal override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : NegativeSlope * x[i];
        }
    }

    internal override void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > 0 ? dy[i] : NegativeSlope * dy[i];
        }
    }
}

/// <summary>1 / (1 + e^−x).</summary>
public sealed class Sigmoid : ElementwiseLayer
{
    internal override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    internal override void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++)
        {
            dx[i] = dy[i] * y[i] * (1 - y[i]);
        }
    }
}

/// <summary>tanh(x).</summary>
public sealed class Tanh : ElementwiseLayer
{
    internal override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    internal override void Derive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++)
        {
            dx[i] = dy[i] * (1 - (y[i] * y[i]));
        }
    }
}
