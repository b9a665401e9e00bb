using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Layers;

/// <summary>
/// torchvision's ResNet <c>BasicBlock</c>: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)) with 3×3 convolutions
/// (no bias) and an optional <c>downsample</c> = Sequential(conv1×1(stride), BatchNorm2d) when the shape changes.
/// Child names match torchvision (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>).
/// </summary>
public sealed class BasicBlock : Module
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly ReLU _relu1 = new();
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _downsample;
    private readonly ReLU _relu2 = new();
    private Tensor? _sum;
    private Tensor? _gradInput;

    /// <summary>Creates the block; a downsample branch is added when stride ≠ 1 or the channel count changes.</summary>
    public BasicBlock(int inChannels, int outChannels, int stride = 1, SeededRandom? random = null)
    {
        random ??= new SeededRandom(0);
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, bias: false, random: random));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, bias: false, random: random));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
        {
            _downsample = RegisterModule("downsample", new Sequential(
                new Conv2d(inChannels, outChannels, 1, stride, bias: false, random: random),
                new BatchNorm2d(outChannels)));
        }

        RegisterModule("relu", _relu1);
        RegisterModule("relu_out", _relu2);
    }

    /// <summary>The convolutions, for initialisation by the zoo.</summary>
    internal IEnumerable<Conv2d> Convolutions => _downsample is null ? [_conv1, _conv2] : [_conv1, _conv2, (Conv2d)_downsample[0]];

    /// <summary>The last BatchNorm (zero-initialised when torchvision's zero_init_residual is requested).</summary>
    internal BatchNorm2d LastNorm => _bn2;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var main = _bn2.Forward(_conv2.Forward(_relu1.Forward(_bn1.Forward(_conv1.Forward(input)))));
        var shortcut = _downsample is null ? input : _downsample.Forward(input);
        var sum = Tensor.Ensure(ref _sum, main.Shape);
        TensorPrimitives.Add(main.Span, shortcut.Span, sum.Span);
        return _relu2.Forward(sum);
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        var g = _relu2.Backward(gradOutput);
        var gMain = _conv1.Backward(_bn1.Backward(_relu1.Backward(_conv2.Backward(_bn2.Backward(g)))));
        var gShort = _downsample is null ? g : _downsample.Backward(g);
        if (!InputGradientNeeded)
        {
            return Empty;
        }

        var gradInput = Tensor.Ensure(ref _gradInput, gMain.Shape);
        TensorPrimitives.Add(gMain.Span, gShort.Span, gradInput.Span);
        return gradInput;
    }
}

/// <summary>
/// torchvision's MobileNetV2 <c>InvertedResidual</c>: optional 1×1 expansion (Conv-BN-ReLU6), 3×3 depthwise
/// (Conv-BN-ReLU6), 1×1 linear projection (Conv-BN), plus the input when stride is 1 and channels match. Child names
/// follow torchvision (<c>conv.0.0.weight</c>, …).
/// </summary>
public sealed class InvertedResidual : Module
{
    private readonly Sequential _conv;
    private Tensor? _sum;
    private Tensor? _gradInput;

    /// <summary>Creates the block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">stride is not 1 or 2, or expandRatio not positive.</exception>
    public InvertedResidual(int inChannels, int outChannels, int stride, int expandRatio, SeededRandom? random = null)
    {
        Guard.MustBeBetween(stride, 1, 2);
        Guard.MustBePositive(expandRatio);
        random ??= new SeededRandom(0);
        int hidden = inChannels * expandRatio;
        UsesResidual = stride == 1 && inChannels == outChannels;
        var layers = new List<Module>();
        if (expandRatio != 1)
        {
            layers.Add(ConvBnReLU6(inChannels, hidden, 1, 1, 1, random));
        }

        layers.Add(ConvBnReLU6(hidden, hidden, 3, stride, hidden, random));
        layers.Add(new Conv2d(hidden, outChannels, 1, bias: false, random: random));
        layers.Add(new BatchNorm2d(outChannels));
        _conv = RegisterModule("conv", new Sequential([.. layers]));
    }

    /// <summary>True when the block adds its input to its output.</summary>
    public bool UsesResidual { get; }

    /// <summary>torchvision's <c>Conv2dNormActivation</c>: Sequential(Conv2d(no bias, padding (k−1)/2), BatchNorm2d, ReLU6).</summary>
    public static Sequential ConvBnReLU6(int inChannels, int outChannels, int kernel, int stride, int groups, SeededRandom random) =>
        new(new Conv2d(inChannels, outChannels, kernel, stride, (kernel - 1) / 2, groups: groups, bias: false, random: random),
            new BatchNorm2d(outChannels),
            new ReLU6());

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var y = _conv.Forward(input);
        if (!UsesResidual)
        {
            return y;
        }

        var sum = Tensor.Ensure(ref _sum, y.Shape);
        TensorPrimitives.Add(y.Span, input.Span, sum.Span);
        return sum;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        var g = _conv.Backward(gradOutput);
        if (!UsesResidual || !InputGradientNeeded)
        {
            return g;
        }

        var gradInput = Tensor.Ensure(ref _gradInput, g.Shape);
        TensorPrimitives.Add(g.Span, gradOutput.Span, gradInput.Span);
        return gradInput;
    }
}
