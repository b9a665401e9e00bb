using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;
using F = NoteGuard.Learning.Tests.Nn.NnFixtures;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>Forward and backward of every layer against PyTorch 1.13 (float64 references, see make_fixtures.py).</summary>
[Trait("Category", ScalarFallback.SimdCategory)]
public sealed class LayerReferenceTests
{
    /// <summary>float32 sums of up to a few hundred products of O(1) values.</summary>
    private const double ForwardTolerance = 2e-5;

    /// <summary>Gradients sum over batch and space (up to ~500 terms).</summary>
    private const double GradientTolerance = 1e-4;

    /// <summary>Batch-norm gradients subtract two sums of similar size: a little more cancellation.</summary>
    private const double NormGradientTolerance = 3e-4;

    public static TheoryData<string, int, int, int, int, int, int, bool> ConvCases() => new()
    {
        { "conv_basic", 3, 4, 3, 1, 1, 1, true },
        { "conv_stride2", 4, 6, 3, 2, 1, 1, false },
        { "conv_dilated", 2, 3, 3, 1, 2, 2, true },
        { "conv_grouped", 4, 6, 3, 1, 0, 1, true },
        { "conv_depthwise", 5, 5, 3, 2, 1, 1, true },
        { "conv_pointwise", 6, 4, 1, 1, 0, 1, true },
        { "conv_k5s3", 3, 2, 5, 3, 2, 1, true },
        { "conv_depthwise_s1", 4, 4, 3, 1, 1, 1, false },
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2dMatchesTorch(string name, int cin, int cout, int k, int s, int p, int d, bool bias)
    {
        int groups = name switch { "conv_grouped" => 2, "conv_depthwise" => 5, "conv_depthwise_s1" => 4, _ => 1 };
        var conv = new Conv2d(cin, cout, k, s, p, d, groups, bias);
        F.Copy(name + ".weight", conv.Weight);
        if (bias)
        {
            F.Copy(name + ".bias", conv.Bias!);
        }

        var y = conv.Forward(F.Get(name + ".x"));
        F.AssertClose(name + ".y", y, ForwardTolerance, ForwardTolerance);
        var dx = conv.Backward(F.Get(name + ".grad_y"));
        F.AssertClose(name + ".grad_x", dx, GradientTolerance, GradientTolerance);
        F.AssertClose(name + ".grad_weight", conv.Weight.Grad, GradientTolerance, GradientTolerance);
        if (bias)
        {
            F.AssertClose(name + ".grad_bias", conv.Bias!.Grad, GradientTolerance, GradientTolerance);
        }
    }

    [Theory]
    [InlineData("bn2d")]
    [InlineData("bn1d")]
    public void BatchNormMatchesTorch(string name)
    {
        var x = F.Get(name + ".x");
        BatchNorm bn = name == "bn2d" ? new BatchNorm2d(x.Dim(1)) : new BatchNorm1d(x.Dim(1));
        F.Copy(name + ".weight", bn.Weight);
        F.Copy(name + ".bias", bn.Bias);
        F.Copy(name + ".running_mean0", bn.RunningMean);
        F.Copy(name + ".running_var0", bn.RunningVar);
        var y = bn.Forward(x);
        F.AssertClose(name + ".y", y, ForwardTolerance, ForwardTolerance);
        F.AssertClose(name + ".running_mean1", bn.RunningMean, ForwardTolerance, ForwardTolerance);
        F.AssertClose(name + ".running_var1", bn.RunningVar, ForwardTolerance, ForwardTolerance);
        var dx = bn.Backward(F.Get(name + ".grad_y"));
        F.AssertClose(name + ".grad_x", dx, NormGradientTolerance, NormGradientTolerance);
        F.AssertClose(name + ".grad_weight", bn.Weight.Grad, GradientTolerance, GradientTolerance);
        F.AssertClose(name + ".grad_bias", bn.Bias.Grad, GradientTolerance, GradientTolerance);
        bn.Eval();
        F.AssertClose(name + ".y_eval", bn.Forward(x), ForwardTolerance, ForwardTolerance);
        Assert.Throws<InvalidOperationException>(() => bn.Backward(F.Get(name + ".grad_y")));
    }

    public static TheoryData<string> UnaryCases() =>
    [
        "maxpool2", "maxpool3s2p1", "avgpool3s2p1", "avgpool2_nopad_count", "adaptive3x2", "global_avg",
        "relu", "relu6", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax",
    ];

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void UnaryLayerMatchesTorch(string name)
    {
        Module layer = name switch
        {
            "maxpool2" => new MaxPool2d(2),
            "maxpool3s2p1" => new MaxPool2d(3, 2, 1),
            "avgpool3s2p1" => new AvgPool2d(3, 2, 1),
            "avgpool2_nopad_count" => new AvgPool2d(3, 2, 1, countIncludePad: false),
            "adaptive3x2" => new AdaptiveAvgPool2d(3, 2),
            "global_avg" => new AdaptiveAvgPool2d(1),
            "relu" => new ReLU(),
            "relu6" => new ReLU6(),
            "leaky_relu" => new LeakyReLU(0.1f),
            "sigmoid" => new Sigmoid(),
            "tanh" => new Tanh(),
            "softmax" => new Softmax(),
            "log_softmax" => new LogSoftmax(),
            _ => throw new ArgumentException(name),
        };
        var y = layer.Forward(F.Get(name + ".x"));
        F.AssertClose(name + ".y", y, ForwardTolerance, ForwardTolerance);
        var dx = layer.Backward(F.Get(name + ".grad_y"));
        F.AssertClose(name + ".grad_x", dx, GradientTolerance, GradientTolerance);
    }

    [Fact]
    public void LinearMatchesTorch()
    {
        var linear = new Linear(9, 5);
        F.Copy("linear.weight", linear.Weight);
        F.Copy("linear.bias", linear.Bias!);
        F.AssertClose("linear.y", linear.Forward(F.Get("linear.x")), ForwardTolerance, ForwardTolerance);
        F.AssertClose("linear.grad_x", linear.Backward(F.Get("linear.grad_y")), GradientTolerance, GradientTolerance);
        F.AssertClose("linear.grad_weight", linear.Weight.Grad, GradientTolerance, GradientTolerance);
        F.AssertClose("linear.grad_bias", linear.Bias!.Grad, GradientTolerance, GradientTolerance);
    }

    [Fact]
    public void BasicBlockWithDownsampleMatchesTorch()
    {
        var block = new BasicBlock(4, 8, 2);
        var state = block.StateDict();
        foreach (var (name, tensor) in state)
        {
            if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                continue;
            }

            F.Copy("block.state." + name, tensor);
        }

        var y = block.Forward(F.Get("block.x"));
        F.AssertClose("block.y", y, ForwardTolerance, ForwardTolerance);
        var dx = block.Backward(F.Get("block.grad_y"));
        F.AssertClose("block.grad_x", dx, NormGradientTolerance, NormGradientTolerance);
        foreach (var (name, p) in block.NamedParameters())
        {
            F.AssertClose("block.grad." + name, p.Grad, NormGradientTolerance, NormGradientTolerance);
        }
    }

    [Fact]
    public void InvertedResidualMatchesTorch()
    {
        var block = new InvertedResidual(4, 4, 1, 2);
        foreach (var (name, tensor) in block.StateDict())
        {
            if (!name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                F.Copy("ir.state." + name, tensor);
            }
        }

        F.AssertClose("ir.y", block.Forward(F.Get("ir.x")), ForwardTolerance, ForwardTolerance);
        F.AssertClose("ir.grad_x", block.Backward(F.Get("ir.grad_y")), NormGradientTolerance, NormGradientTolerance);
        foreach (var (name, p) in block.NamedParameters())
        {
            F.AssertClose("ir.grad." + name, p.Grad, NormGradientTolerance, NormGradientTolerance);
        }
    }

    [Fact]
    public void MaxPoolHandComputed()
    {
        var x = Tensor.FromArray([1, 5, 2, 0, 3, 4, 8, 7, -1, -2, 6, 6, -3, -4, 6, 9], 1, 1, 4, 4);
        var pool = new MaxPool2d(2);
        var y = pool.Forward(x);
        NoteGuard.TestUtilities.Tolerance.AllClose([5, 8, -1, 9], y.Span, 0, what: "2×2 maxima");
        var dx = pool.Backward(Tensor.FromArray([1, 2, 3, 4], 1, 1, 2, 2));
        NoteGuard.TestUtilities.Tolerance.AllClose([0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 4], dx.Span, 0, what: "gradient to the winners");
    }

    [Fact]
    public void BackwardWithoutForwardThrows()
    {
        Assert.Throws<InvalidOperationException>(() => new Conv2d(1, 1, 3).Backward(new Tensor(1, 1, 1, 1)));
        var eval = new Linear(2, 2);
        eval.Eval();
        eval.Forward(new Tensor(1, 2));
        Assert.Throws<InvalidOperationException>(() => eval.Backward(new Tensor(1, 2)));
    }
}
