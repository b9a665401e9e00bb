namespace NoteGuard.Learning.Tensors;

/// <summary>
/// Weight initialisers with the formulas of <c>torch.nn.init</c> (the random numbers differ: see <see cref="SeededRandom"/>).
/// </summary>
public static class Init
{
    /// <summary>Fan-in and fan-out of a weight shaped [out, in, k...] (torch's <c>_calculate_fan_in_and_fan_out</c>).</summary>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions.</exception>
    public static (int FanIn, int FanOut) Fans(ReadOnlySpan<int> shape)
    {
        Guard.IsTrue(shape.Length >= 2, "fan in/out needs a weight of at least two dimensions");
        int receptive = 1;
        for (int i = 2; i < shape.Length; i++)
        {
            receptive *= shape[i];
        }

        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>torch's <c>calculate_gain</c> for leaky_relu with negative slope <paramref name="a"/>: sqrt(2 / (1 + a²)).</summary>
    public static double LeakyReluGain(double a) => Math.Sqrt(2.0 / (1 + (a * a)));

    /// <summary>kaiming_uniform_(w, a, mode='fan_in', nonlinearity='leaky_relu'): U(-b, b), b = gain·sqrt(3 / fan_in).</summary>
    public static void KaimingUniform(Tensor weight, SeededRandom random, double a = 0)
    {
        Guard.NotNull(weight);
        Guard.NotNull(random);
        var (fanIn, _) = Fans(weight.Shape);
        float bound = (float)(LeakyReluGain(a) * Math.Sqrt(3.0 / fanIn));
        random.FillUniform(weight.Span, -bound, bound);
    }

    /// <summary>kaiming_normal_(w, mode='fan_out', nonlinearity='relu'): N(0, 2 / fan_out) — torchvision's ResNet/MobileNet conv init.</summary>
    public static void KaimingNormalFanOut(Tensor weight, SeededRandom random)
    {
        Guard.NotNull(weight);
        Guard.NotNull(random);
        var (_, fanOut) = Fans(weight.Shape);
        random.FillNormal(weight.Span, 0, (float)Math.Sqrt(2.0 / fanOut));
    }

    /// <summary>U(-1/sqrt(fan_in), 1/sqrt(fan_in)): torch's default bias init for Conv2d and Linear.</summary>
    public static void BiasUniform(Tensor bias, int fanIn, SeededRandom random)
    {
        Guard.NotNull(bias);
        Guard.NotNull(random);
        float bound = fanIn > 0 ? (float)(1.0 / Math.Sqrt(fanIn)) : 0;
        random.FillUniform(bias.Span, -bound, bound);
    }

    /// <summary>N(0, std²), e.g. torchvision MobileNetV2's classifier init (std 0.01).</summary>
    public static void Normal(Tensor tensor, SeededRandom random, float std)
    {
        Guard.NotNull(tensor);
        Guard.NotNull(random);
        random.FillNormal(tensor.Span, 0, std);
    }
}
