using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>y = x·Wᵀ + b over [N, in] inputs, like <c>torch.nn.Linear</c>: weight [out, in], bias [out].</summary>
public sealed class Linear : Module
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private Tensor? _input;
    private Tensor? _output;
    private Tensor? _gradInput;

    /// <summary>Creates the layer with PyTorch's default initialisation (kaiming_uniform a=√5; bias U(±1/√in)).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true, SeededRandom? random = null)
    {
        Guard.MustBePositive(inFeatures);
        Guard.MustBePositive(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        random ??= new SeededRandom(0);
        var w = new Tensor(outFeatures, inFeatures);
        Init.KaimingUniform(w, random, Math.Sqrt(5));
        _weight = RegisterParameter("weight", w);
        if (bias)
        {
            var b = new Tensor(outFeatures);
            Init.BiasUniform(b, inFeatures, random);
            _bias = RegisterParameter("bias", b);
        }
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight [out, in].</summary>
    public Parameter Weight => _weight;

    /// <summary>Bias [out], or null.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        Guard.NotNull(input);
        Guard.IsTrue(input.Rank == 2 && input.Dim(1) == InFeatures, $"Linear expects [N, {InFeatures}], got {input}", nameof(input));
        int n = input.Dim(0);
        var output = Tensor.Ensure(ref _output, n, OutFeatures);
        var y = output.Span;
        if (_bias is not null)
        {
            var b = _bias.Value.Span;
            for (int i = 0; i < n; i++)
            {
                b.CopyTo(y.Slice(i * OutFeatures, OutFeatures));
            }
        }

        Gemm.Multiply(n, OutFeatures, InFeatures, input.Span, InFeatures, false, _weight.Value.Span, InFeatures, true, y, OutFeatures, _bias is not null, parallel: true);
        _input = IsTraining ? input : null;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        RequireForward(_input, nameof(Linear));
        int n = _input.Dim(0);
        Guard.IsTrue(gradOutput.HasShape([n, OutFeatures]), "gradient shape differs from the output", nameof(gradOutput));
        var dy = gradOutput.Span;

        // dW (out × in) += dyᵀ (out × N) · x (N × in)
        Gemm.Multiply(OutFeatures, InFeatures, n, dy, OutFeatures, true, _input.Span, InFeatures, false, _weight.Grad.Span, InFeatures, true, parallel: true);
        if (_bias is not null)
        {
            var db = _bias.Grad.Span;
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Add(db, dy.Slice(i * OutFeatures, OutFeatures), db);
            }
        }

        if (!InputGradientNeeded)
        {
            return Empty;
        }

        // dx (N × in) = dy (N × out) · W (out × in)
        var gradInput = Tensor.Ensure(ref _gradInput, n, InFeatures);
        Gemm.Multiply(n, InFeatures, OutFeatures, dy, OutFeatures, false, _weight.Value.Span, InFeatures, false, gradInput.Span, InFeatures, false, parallel: true);
        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnModeChanged() => _input = null;
}
