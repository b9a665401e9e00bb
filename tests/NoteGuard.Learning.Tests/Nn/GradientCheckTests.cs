using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>
/// Finite-difference checks of every layer's backward (the MobileNetV2 block, whose ReLU6 kinks sit too close for
/// float32 differences, is checked against PyTorch in LayerReferenceTests instead): L = Σ y·r for a fixed random r, central differences with step
/// <see cref="Step"/> on sampled input and parameter elements, compared with the analytic gradient.
/// </summary>
public sealed class GradientCheckTests
{
    /// <summary>Central-difference step on float32 values of magnitude ~1.</summary>
    private const float Step = 1e-2f;

    /// <summary>Smaller step for blocks whose internal ReLUs sit behind batch norm (kinks are closer).</summary>
    private const float CompositeStep = 1e-3f;

    /// <summary>float32 rounding of L (~1e-6·|L|) divided by 2·Step, plus O(Step²) curvature.</summary>
    private const double FiniteDifferenceTolerance = 2e-2;

    public static TheoryData<string> Layers() =>
    [
        "conv", "conv_stride_dilation", "conv_grouped", "conv_depthwise", "conv_pointwise", "bn2d", "bn1d", "linear",
        "relu", "relu6", "leaky", "sigmoid", "tanh", "maxpool", "avgpool", "adaptive", "softmax", "log_softmax",
        "conv_depthwise_s1", "basic_block", "sequential",
    ];

    [Theory]
    [MemberData(nameof(Layers))]
    public void AnalyticGradientMatchesFiniteDifferences(string name)
    {
        var random = new SeededRandom((ulong)name.Sum(c => (int)c)); // stable across processes (string hashes are randomised)
        var (layer, shape) = Build(name, random);
        var x = new Tensor(shape);
        random.FillNormal(x.Span, 0, 1);
        if (name is "relu" or "relu6" or "leaky" or "maxpool")
        {
            // Keep inputs away from kinks and ties so the difference quotient is the derivative.
            var s = x.Span;
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = (Math.Sign(s[i]) * (0.1f + Math.Abs(s[i]))) + (i * 1e-3f);
            }
        }

        var y = layer.Forward(x);
        var r = new Tensor(y.Shape.ToArray());
        random.FillNormal(r.Span, 0, 1);
        layer.ZeroGrad();
        var dx = layer.Backward(r).Clone();

        double Loss()
        {
            var yy = layer.Forward(x);
            double sum = 0;
            for (int i = 0; i < yy.Length; i++)
            {
                sum += (double)yy.Span[i] * r.Span[i];
            }

            return sum;
        }

        float step = name is "basic_block" or "sequential" ? CompositeStep : Step;
        CheckElements("input", x.Span, dx.Span, Loss, random, step);
        foreach (var (pname, p) in layer.NamedParameters())
        {
            CheckElements(pname, p.Value.Span, p.Grad.Span.ToArray(), Loss, random, step);
        }
    }

    private static void CheckElements(string what, Span<float> values, ReadOnlySpan<float> analytic, Func<double> loss, SeededRandom random, float step)
    {
        int samples = Math.Min(values.Length, 12);
        for (int s = 0; s < samples; s++)
        {
            int i = values.Length <= 12 ? s : random.NextInt(values.Length);
            float saved = values[i];
            values[i] = saved + step;
            double plus = loss();
            values[i] = saved - step;
            double minus = loss();
            values[i] = saved;
            double numeric = (plus - minus) / (2 * step);
            double diff = Math.Abs(numeric - analytic[i]);
            Assert.True(
                diff <= FiniteDifferenceTolerance * (1 + Math.Abs(numeric)),
                $"{what}[{i}]: analytic {analytic[i]:G6}, finite difference {numeric:G6}");
        }
    }

    private static (Module Layer, int[] Shape) Build(string name, SeededRandom random) => name switch
    {
        "conv" => (new Conv2d(3, 4, 3, 1, 1, random: random), [2, 3, 6, 5]),
        "conv_stride_dilation" => (new Conv2d(2, 3, 3, 2, 2, 2, random: random), [1, 2, 9, 8]),
        "conv_grouped" => (new Conv2d(4, 6, 3, 1, 1, groups: 2, random: random), [2, 4, 5, 5]),
        "conv_depthwise" => (new Conv2d(3, 3, 3, 2, 1, groups: 3, random: random), [2, 3, 7, 6]),
        "conv_pointwise" => (new Conv2d(5, 3, 1, random: random), [2, 5, 4, 4]),
        "bn2d" => (new BatchNorm2d(3), [4, 3, 3, 3]),
        "bn1d" => (new BatchNorm1d(4), [6, 4]),
        "linear" => (new Linear(7, 5, random: random), [3, 7]),
        "relu" => (new ReLU(), [2, 11]),
        "relu6" => (new ReLU6(), [2, 11]),
        "leaky" => (new LeakyReLU(0.2f), [2, 11]),
        "sigmoid" => (new Sigmoid(), [2, 11]),
        "tanh" => (new Tanh(), [2, 11]),
        "maxpool" => (new MaxPool2d(3, 2, 1), [2, 2, 7, 6]),
        "avgpool" => (new AvgPool2d(3, 2, 1), [2, 2, 7, 6]),
        "adaptive" => (new AdaptiveAvgPool2d(3, 2), [2, 2, 7, 5]),
        "softmax" => (new Softmax(), [3, 5]),
        "log_softmax" => (new LogSoftmax(), [3, 5]),
        "basic_block" => (new BasicBlock(3, 4, 2, random), [2, 3, 6, 6]),
        "conv_depthwise_s1" => (new Conv2d(4, 4, 3, 1, 1, groups: 4, random: random), [2, 4, 5, 6]),
        "sequential" => (new Sequential(new Conv2d(2, 3, 3, 1, 1, random: random), new BatchNorm2d(3), new ReLU(), new Flatten(), new Linear(48, 2, random: random)), [3, 2, 4, 4]),
        _ => throw new ArgumentException(name),
    };
}
