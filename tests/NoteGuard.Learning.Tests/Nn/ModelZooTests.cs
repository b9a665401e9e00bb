using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Losses;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;
using F = NoteGuard.Learning.Tests.Nn.NnFixtures;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>The zoo: parameter counts, compact-cnn against PyTorch, a seeded end-to-end training run.</summary>
public sealed class ModelZooTests
{
    private const double LogitTolerance = 1e-4;

    /// <summary>Gradients through three BN layers of a 4-image batch.</summary>
    private const double NetworkGradientTolerance = 5e-4;

    [Theory]
    [InlineData("compact-cnn", 13, 286_861)]
    [InlineData("resnet18", 1000, 11_689_512)]
    [InlineData("mobilenet-v2", 1000, 3_504_872)]
    [InlineData("deep-gray-cnn", 2, 363_554)]
    [InlineData("small-alexnet", 2, 847_298)]
    public void ParameterCountsMatchTheReferenceDefinitions(string arch, int classes, long expected)
    {
        var net = ModelZoo.Create(arch, classes);
        Assert.Equal(expected, net.ParameterCount);
    }

    [Fact]
    public void UnknownArchitectureIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelZoo.Create("vgg99", 2));
        Assert.Contains("compact-cnn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResNet18NamesMatchTorchvision()
    {
        var names = ModelZoo.Create("resnet18", 10).StateDict().Keys.ToHashSet();
        Assert.Contains("conv1.weight", names);
        Assert.Contains("layer2.0.downsample.0.weight", names);
        Assert.Contains("layer4.1.bn2.running_var", names);
        Assert.Contains("fc.bias", names);
        Assert.Equal(122, names.Count); // torchvision resnet18 state_dict: 62 parameters + 60 BN buffers
    }

    [Fact]
    public void MobileNetV2NamesMatchTorchvision()
    {
        var names = ModelZoo.Create("mobilenet-v2", 10).StateDict().Keys.ToHashSet();
        Assert.Contains("features.0.0.weight", names);
        Assert.Contains("features.1.conv.0.0.weight", names);
        Assert.Contains("features.2.conv.3.running_mean", names);
        Assert.Contains("features.18.1.weight", names);
        Assert.Contains("classifier.1.weight", names);
    }

    [Fact]
    public void ZooNetworksRunForwardAndBackward()
    {
        foreach (string arch in ModelZoo.Architectures)
        {
            var net = ModelZoo.Create(arch, 3, arch is "resnet18" or "mobilenet-v2" ? new ZooOptions { InputSize = 64 } : null);
            int[] shape = [2, .. net.InputShape];
            var x = new Tensor(shape);
            new SeededRandom(3).FillNormal(x.Span, 0, 1);
            var y = net.Forward(x);
            Assert.True(y.HasShape([2, 3]), $"{arch} output {y}");
            var loss = new CrossEntropyLoss();
            loss.Forward(y, [0, 2]);
            net.Backward(loss.Backward());
            Assert.All(net.Parameters(), p => Assert.True(p.Grad.Span.ToArray().All(float.IsFinite), arch));
        }
    }

    [Fact]
    public void CompactCnnMatchesTorchForwardAndBackward()
    {
        var net = BuildFormulaCompactCnn();
        var x = new Tensor(4, 3, 64, 64);
        F.FormulaFill(x.Span, 99, 1.0);
        net.Train();
        ((Sequential)net.Children[1].Module)[3].Eval(); // dropout off: masks cannot match torch's
        var logits = net.Forward(x);
        F.AssertClose("compact.logits", logits, LogitTolerance, LogitTolerance);
        var loss = new CrossEntropyLoss();
        float value = loss.Forward(logits, [0, 5, 12, 7]);
        Tolerance.AllClose(F.Get("compact.loss").Span, [value], LogitTolerance, LogitTolerance, "loss");
        net.Backward(loss.Backward());
        foreach (var (name, p) in net.NamedParameters())
        {
            if (F.Has("compact.grad." + name))
            {
                F.AssertClose("compact.grad." + name, p.Grad, NetworkGradientTolerance, NetworkGradientTolerance);
            }
            else
            {
                var sampled = F.Get("compact.grad_sampled." + name).Span;
                var g = p.Grad.Span;
                var mine = new float[sampled.Length];
                for (int i = 0; i < mine.Length; i++)
                {
                    mine[i] = g[i * 97];
                }

                Tolerance.AllClose(sampled, mine, NetworkGradientTolerance, NetworkGradientTolerance, name + " (every 97th)");
                Tolerance.AllClose(F.Get("compact.grad_sum." + name).Span, [g.ToArray().Sum()], NetworkGradientTolerance * 10, NetworkGradientTolerance, name + " sum");
            }
        }

        foreach (var (name, b) in net.NamedBuffers().Where(b => b.Name.Contains("running", StringComparison.Ordinal)))
        {
            F.AssertClose("compact.buffer." + name, b, LogitTolerance, LogitTolerance);
        }

        net.Eval();
        F.AssertClose("compact.eval_logits", net.Forward(x), LogitTolerance, LogitTolerance);
    }

    [Fact]
    public void StateDictRoundTripIsBitExact()
    {
        var a = ModelZoo.Create("compact-cnn", 5, new ZooOptions { Seed = 1 });
        var b = ModelZoo.Create("compact-cnn", 5, new ZooOptions { Seed = 2 });
        Assert.NotEqual(a.StateDict()["features.0.weight"].ToArray(), b.StateDict()["features.0.weight"].ToArray());
        b.LoadStateDict(a.StateDict());
        foreach (var (name, t) in a.StateDict())
        {
            Assert.Equal(t.ToArray(), b.StateDict()[name].ToArray());
        }

        var bad = new Dictionary<string, Tensor>(a.StateDict());
        bad.Remove("classifier.4.bias");
        Assert.Contains("classifier.4.bias", Assert.Throws<ArgumentException>(() => b.LoadStateDict(bad)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Seeded end-to-end training: 4 classes of synthetic 64×64 images (a bright square in one quadrant, colour noise),
    /// 64 images, SGD momentum 0.9, lr 0.01, batch 16, 6 epochs. Stated target: final epoch mean loss below 0.35 (from ln 4 ≈ 1.39).
    /// </summary>
    [Fact]
    public void CompactCnnLearnsSyntheticQuadrants()
    {
        const double TargetLoss = 0.35;
        var random = new SeededRandom(42);
        int count = 64;
        var images = new float[count * 3 * 64 * 64];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 4;
            var img = images.AsSpan(i * 3 * 4096, 3 * 4096);
            random.FillNormal(img, 0, 0.3f);
            int y0 = labels[i] / 2 * 32;
            int x0 = labels[i] % 2 * 32;
            for (int c = 0; c < 3; c++)
            {
                for (int y = y0 + 8; y < y0 + 24; y++)
                {
                    for (int x = x0 + 8; x < x0 + 24; x++)
                    {
                        img[(c * 4096) + (y * 64) + x] += 1.5f;
                    }
                }
            }
        }

        var net = ModelZoo.Create("compact-cnn", 4, new ZooOptions { Seed = 7 });
        var optimizer = new Sgd(net.Parameters(), new Sgd.Options { LearningRate = 0.01, Momentum = 0.9 });
        var loss = new CrossEntropyLoss();
        int[] order = Enumerable.Range(0, count).ToArray();
        var batch = new Tensor(16, 3, 64, 64);
        int[] targets = new int[16];
        double epochLoss = double.NaN;
        for (int epoch = 0; epoch < 6; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double sum = 0;
            for (int start = 0; start < count; start += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    images.AsSpan(order[start + j] * 3 * 4096, 3 * 4096).CopyTo(batch.Span.Slice(j * 3 * 4096));
                    targets[j] = labels[order[start + j]];
                }

                optimizer.ZeroGrad();
                sum += loss.Forward(net.Forward(batch), targets);
                net.Backward(loss.Backward());
                optimizer.Step();
            }

            epochLoss = sum / (count / 16);
        }

        Assert.True(epochLoss < TargetLoss, $"final epoch loss {epochLoss:F4} (target < {TargetLoss})");
    }

    private static Network BuildFormulaCompactCnn()
    {
        var net = ModelZoo.Create("compact-cnn", 13);
        int index = 0;
        foreach (var (_, p) in net.NamedParameters())
        {
            var shape = p.Value.Shape;
            double scale = shape.Length > 1 ? 1.0 / Math.Sqrt(p.Length / shape[0]) : 0.1;
            F.FormulaFill(p.Value.Span, index++, scale);
        }

        return net;
    }
}
