using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Losses;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;
using F = NoteGuard.Learning.Tests.Nn.NnFixtures;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>Losses, optimizers and schedulers against PyTorch 1.13.</summary>
public sealed class LossAndOptimizerTests
{
    private const double LossTolerance = 1e-5;

    /// <summary>Four float32 update steps of O(0.1) each.</summary>
    private const double OptimizerTolerance = 2e-6;

    [Theory]
    [InlineData("plain", false, 0.0)]
    [InlineData("weighted", true, 0.0)]
    [InlineData("smooth", false, 0.2)]
    [InlineData("weighted_smooth", true, 0.15)]
    public void CrossEntropyMatchesTorch(string name, bool weighted, double smoothing)
    {
        var logits = F.Get("ce.logits");
        int[] targets = F.Get("ce.targets").ToArray().Select(v => (int)v).ToArray();
        var loss = new CrossEntropyLoss(weighted ? F.Get("ce.weights").Span : default, smoothing);
        float value = loss.Forward(logits, targets);
        Tolerance.AllClose(F.Get($"ce.{name}.loss").Span, [value], LossTolerance, LossTolerance, "loss");
        F.AssertClose($"ce.{name}.grad", loss.Backward(), LossTolerance, LossTolerance);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("pos_weight")]
    public void BceWithLogitsMatchesTorch(string name)
    {
        var loss = new BceWithLogitsLoss(name == "pos_weight" ? F.Get("bce.pos_weight").Span : default);
        float value = loss.Forward(F.Get("bce.logits"), F.Get("bce.targets"));
        Tolerance.AllClose(F.Get($"bce.{name}.loss").Span, [value], LossTolerance, LossTolerance, "loss");
        F.AssertClose($"bce.{name}.grad", loss.Backward(), LossTolerance, LossTolerance);
    }

    [Fact]
    public void CrossEntropyHandComputed()
    {
        // Two equal logits: p = 1/2, loss = ln 2, gradient (p − onehot)/N.
        var loss = new CrossEntropyLoss();
        float value = loss.Forward(Tensor.FromArray([0, 0], 1, 2), [1]);
        Tolerance.AllClose([(float)Math.Log(2)], [value], 1e-7, what: "ln 2");
        Tolerance.AllClose([0.5f, -0.5f], loss.Backward().Span, 1e-7, what: "gradient");
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(Tensor.FromArray([0, 0], 1, 2), [2]));
    }

    [Theory]
    [InlineData("sgd_momentum_wd")]
    [InlineData("sgd_nesterov")]
    [InlineData("sgd_dampening")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void OptimizerStepsMatchTorch(string name)
    {
        var parameter = new Parameter(F.Get("opt.p0"));
        Optimizer optimizer = Make(name, parameter);
        for (int step = 0; step < 4; step++)
        {
            F.Get($"opt.grad{step}").Span.CopyTo(parameter.Grad.Span);
            optimizer.Step();
            F.AssertClose($"opt.{name}.step{step}", parameter.Value, OptimizerTolerance, OptimizerTolerance);
        }
    }

    [Theory]
    [InlineData("sgd_momentum_wd")]
    [InlineData("adam")]
    public void OptimizerStateResumesExactly(string name)
    {
        // Two steps, save state, continue in a fresh optimizer: must equal four uninterrupted steps.
        var parameter = new Parameter(F.Get("opt.p0"));
        var first = Make(name, parameter);
        for (int step = 0; step < 2; step++)
        {
            F.Get($"opt.grad{step}").Span.CopyTo(parameter.Grad.Span);
            first.Step();
        }

        var state = first.GetState();
        var resumed = Make(name, parameter);
        resumed.LoadState(state);
        for (int step = 2; step < 4; step++)
        {
            F.Get($"opt.grad{step}").Span.CopyTo(parameter.Grad.Span);
            resumed.Step();
        }

        F.AssertClose($"opt.{name}.step3", parameter.Value, OptimizerTolerance, OptimizerTolerance);
        Assert.Equal(4, resumed.StepCount);
    }

    [Fact]
    public void StepLrFollowsSeed000Schedule()
    {
        var optimizer = new Sgd([new Parameter(new Tensor(1))], new Sgd.Options { LearningRate = 0.001, Momentum = 0.9 });
        var scheduler = new StepLR(optimizer, 7, 0.1);
        var rates = new List<double>();
        for (int epoch = 0; epoch < 15; epoch++)
        {
            rates.Add(optimizer.Groups[0].LearningRate);
            scheduler.Step();
        }

        Assert.All(rates.Take(7), r => Assert.Equal(0.001, r, 12));
        Assert.All(rates.Skip(7).Take(7), r => Assert.Equal(0.0001, r, 12));
        Assert.Equal(0.00001, rates[14], 12);
    }

    [Fact]
    public void CosineMatchesTorch()
    {
        var optimizer = new Sgd([new Parameter(new Tensor(1))], new Sgd.Options { LearningRate = 0.1 });
        var scheduler = new CosineAnnealingLR(optimizer, 10, 0.001);
        var expected = F.Get("cosine.lrs").Span;
        for (int i = 0; i < expected.Length; i++)
        {
            scheduler.Step();
            Assert.Equal(expected[i], optimizer.Groups[0].LearningRate, 1e-6);
        }
    }

    [Fact]
    public void ReduceOnPlateauMatchesTorch()
    {
        var optimizer = new Sgd([new Parameter(new Tensor(1))], new Sgd.Options { LearningRate = 1.0 });
        var scheduler = new ReduceLROnPlateau(optimizer, factor: 0.5, patience: 2, cooldown: 1);
        var metrics = F.Get("plateau.metrics").Span;
        var expected = F.Get("plateau.lrs").Span;
        for (int i = 0; i < metrics.Length; i++)
        {
            scheduler.Step(metrics[i]);
            Assert.Equal(expected[i], optimizer.Groups[0].LearningRate, 1e-6);
        }
    }

    [Fact]
    public void ClipByNormScalesToMaximum()
    {
        var p = new Parameter(new Tensor(2));
        p.Grad.Span[0] = 3;
        p.Grad.Span[1] = 4;
        double norm = GradientClipping.ClipByNorm([p], 1.0);
        Assert.Equal(5.0, norm, 12);
        Tolerance.AllClose([0.6f, 0.8f], p.Grad.Span, 1e-6, what: "clipped to unit norm");
    }

    [Fact]
    public void ParameterGroupsUseTheirOwnRates()
    {
        var a = new Parameter(Tensor.FromArray([1f], 1));
        var b = new Parameter(Tensor.FromArray([1f], 1));
        a.Grad.Span[0] = 1;
        b.Grad.Span[0] = 1;
        var sgd = new Sgd([new ParameterGroup([a], 0.1), new ParameterGroup([b], 0.01)], new Sgd.Options());
        sgd.Step();
        Assert.Equal(0.9f, a.Value.Span[0], 1e-6f);
        Assert.Equal(0.99f, b.Value.Span[0], 1e-6f);
    }

    private static Optimizer Make(string name, Parameter p) => name switch
    {
        "sgd_momentum_wd" => new Sgd([p], new Sgd.Options { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.01 }),
        "sgd_nesterov" => new Sgd([p], new Sgd.Options { LearningRate = 0.05, Momentum = 0.8, Nesterov = true }),
        "sgd_dampening" => new Sgd([p], new Sgd.Options { LearningRate = 0.05, Momentum = 0.5, Dampening = 0.3 }),
        "adam" => new Adam([p], new Adam.Options { LearningRate = 0.01, WeightDecay = 0.1 }),
        "adamw" => Adam.AdamW([p], 0.01, 0.1),
        _ => throw new ArgumentException(name),
    };
}
